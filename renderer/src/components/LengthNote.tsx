/**
 * The length note under a narrative box (issue 11 point 9): from 5,000 characters a warning with the
 * count (a committee appendix reads best when each update is short); past the store's hard limit a
 * plain explanation, and the text is not saved until it is shortened.
 */
import { MAX_TEXT } from '../../../shared/model';

export const LONG_TEXT_WARNING = 5_000;

const n = (x: number) => x.toLocaleString('en-GB');

export function tooLong(text: string): boolean {
  return text.length > MAX_TEXT;
}

export function LengthNote({ length }: { length: number }) {
  if (length > MAX_TEXT)
    return (
      <p className="field-error length-warning" role="alert">
        This text is {n(length)} characters long, and a box can hold at most {n(MAX_TEXT)} characters (about 15,000
        words). It has not been saved: shorten it by {n(length - MAX_TEXT)} characters, or put the detail in a separate
        document.
      </p>
    );
  if (length > LONG_TEXT_WARNING)
    return (
      <p className="notice notice-warn small length-warning" role="status">
        This is {n(length)} characters long. Updates over {n(LONG_TEXT_WARNING)} characters make the committee appendix
        hard to read: consider a shorter summary.
      </p>
    );
  return null;
}

/**
 * A British date field that saves as you go: shows "13 February 2018", accepts what people type
 * ("13/02/2018", "13 Feb 2018", "2018-02-13"; day first), and stores YYYY-MM-DD. The browser's own date
 * picker is avoided because it follows the machine's locale (mm/dd/yyyy on many laptops). A date saves on
 * blur and Enter, not after a pause.
 */
import { MAX_YEAR, MIN_YEAR, parseDue } from '../../../shared/dates';
import { formatIsoDay } from '../library/format';
import { AutosaveField } from './AutosaveField';

export const DATE_MESSAGE = 'Enter a date such as 13/02/2018 or 13 February 2018';

/**
 * Why a typed date is not a date, in plain words: a year out of range gets a message about the year
 * ("The year 9999 is not one Planwright can use…"), anything else the general example.
 */
export function dateMessage(text: string): string {
  const year = /\b(\d{4,})\b/.exec(text)?.[1];
  if (year && (Number(year) < MIN_YEAR || Number(year) > MAX_YEAR))
    return `The year ${year} is not one Planwright can use: enter a year from ${MIN_YEAR} to ${MAX_YEAR}, for example 13/02/2018.`;
  return DATE_MESSAGE;
}

/** '' -> null (no date), a day -> YYYY-MM-DD, anything else -> undefined. */
export function parseDay(text: string): string | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const parsed = parseDue(t);
  return parsed.kind === 'date' && parsed.precision === 'day' ? parsed.date : undefined;
}

export interface DateFieldProps {
  label: string;
  hideLabel?: boolean;
  /** YYYY-MM-DD or null. */
  value: string | null;
  onSave(date: string | null): Promise<void>;
  /** Extra check on a valid date (e.g. start before end). */
  check?(date: string | null): string | null;
  disabled?: boolean;
}

export function DateField({ label, hideLabel, value, onSave, check, disabled }: DateFieldProps) {
  return (
    <AutosaveField
      label={label}
      hideLabel={hideLabel}
      className="pw-date"
      value={formatIsoDay(value)}
      placeholder="dd/mm/yyyy"
      disabled={disabled}
      // "13/02/20" is already a day (in 2020) part-way through typing "13/02/2018": save on blur and Enter
      // only (then the field shows the day written out, "13 February 2018").
      saveOnPause={false}
      validate={(text) => {
        const d = parseDay(text);
        if (d === undefined) return dateMessage(text);
        return check?.(d) ?? null;
      }}
      onSave={async (text) => {
        const d = parseDay(text);
        if (d === undefined) throw new Error(dateMessage(text));
        await onSave(d);
      }}
    />
  );
}

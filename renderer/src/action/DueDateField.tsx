/**
 * The due date as the author types it ("Quarterly (review March 2016)", "Jan-18", "Ongoing"), with the
 * app's reading shown beside it: "read as: 31 October 2017", "quarterly", "not a date".
 */
import { useMemo } from 'react';
import { describeDue, parseDue } from '../../../shared/dates';
import { Field } from '../components/Field';

export function dueReading(text: string): string | null {
  if (text.trim() === '') return null;
  return describeDue(parseDue(text));
}

export function DueDateField({
  value,
  onChange,
  onBlur,
  readOnly,
  label = 'Due date',
  error,
  field,
}: {
  value: string;
  onChange(v: string): void;
  onBlur?(): void;
  readOnly?: boolean;
  label?: string;
  error?: string | null;
  /** The action field it edits, as `data-field` on the input. */
  field?: string;
}) {
  const reading = useMemo(() => dueReading(value), [value]);
  return (
    <Field
      label={label}
      error={error}
      hint={
        reading === null ? (
          'Type it as it should appear in the plan, e.g. “October 2017”, “Quarterly”, “Ongoing”.'
        ) : (
          <span data-testid="due-reading" className={reading === 'not a date' ? 'due-reading unparsed' : 'due-reading'}>
            read as: {reading}
          </span>
        )
      }
    >
      {(p) => (
        <input
          {...p}
          type="text"
          value={value}
          readOnly={readOnly}
          data-field={field}
          maxLength={500}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      )}
    </Field>
  );
}

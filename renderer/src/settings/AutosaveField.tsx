/**
 * A labelled text field that saves as you go, on the one autosave primitive (`state/autosave.ts`): after a
 * pause in typing, on blur, on Enter and when it goes away. A local check (`validate`) or a refusal from the
 * store shows its message next to the control and keeps what the user typed; a value the check refuses is
 * never saved. While the user is editing, a new value from the reloaded plan does not overwrite their draft.
 */
import { useState, useId, type KeyboardEvent } from 'react';
import { useAutosave } from '../state/autosave';

export interface AutosaveFieldProps {
  label: string;
  /** The stored value. */
  value: string;
  /** Writes the value; throw (ApiError) to refuse it. */
  onSave(value: string): Promise<void>;
  /** Returns a message when the text cannot be saved. */
  validate?(value: string): string | null;
  /** Whether two texts mean the same (default: equal once trimmed, as the store trims text). */
  equals?(a: string, b: string): boolean;
  /** False: save on blur and Enter only, not after a pause (a date is already one part-way through typing). */
  saveOnPause?: boolean;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'number' | 'date' | 'email';
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  /** Hide the visible label (still read by screen readers), for fields inside table rows. */
  hideLabel?: boolean;
  /** Words added to the label for screen readers only, e.g. "of Ofsted 2". */
  srSuffix?: string;
  className?: string;
  placeholder?: string;
  /** Extra props for tests and e2e. */
  name?: string;
  min?: number;
  max?: number;
  step?: number;
}

const sameTrimmed = (a: string, b: string) => a.trim() === b.trim();

export function AutosaveField(props: AutosaveFieldProps) {
  const {
    label,
    value,
    onSave,
    validate,
    equals = sameTrimmed,
    saveOnPause,
    multiline,
    rows = 3,
    type = 'text',
    hint,
    required,
    disabled,
    hideLabel,
    srSuffix,
    className,
    placeholder,
    name,
    min,
    max,
    step,
  } = props;
  const id = useId();
  const [justSaved, setJustSaved] = useState(false);
  const draft = useAutosave({
    stored: value,
    equals,
    validate,
    saveOnPause,
    save: async (text) => {
      await onSave(text);
      setJustSaved(true);
    },
  });
  const error = draft.error;

  const change = (text: string) => {
    setJustSaved(false);
    draft.setValue(text);
  };

  const keyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !multiline) void draft.flush();
  };

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    value: draft.value,
    disabled,
    placeholder,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onBlur: () => void draft.flush(),
    onKeyDown: keyDown,
  } as const;

  return (
    <div className={`field pw-afield${error ? ' pw-afield--error' : ''}${className ? ` ${className}` : ''}`}>
      <div className="pw-afield__head">
        <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
          {label}
          {srSuffix ? <span className="visually-hidden"> {srSuffix}</span> : null}
          {required ? <span className="pw-required"> (required)</span> : null}
        </label>
        {justSaved && !error ? (
          <span className="pw-afield__saved" aria-hidden="true">
            ✓ Saved
          </span>
        ) : null}
      </div>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => change(e.target.value)} />
      ) : (
        <input {...common} type={type} min={min} max={max} step={step} onChange={(e) => change(e.target.value)} />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

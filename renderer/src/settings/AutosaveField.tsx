/**
 * A labelled text field that saves as you go: after a pause in typing (700 ms), on blur and on Enter.
 * A local check (`validate`) or a refusal from the store shows its message next to the control and keeps
 * what the user typed; nothing is saved until the text is acceptable. While the user is editing, a new
 * value from the reloaded plan does not overwrite their draft.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useSaveTracker } from './saveStatus';
import { errorText } from '../errors';

export interface AutosaveFieldProps {
  label: string;
  /** The stored value. */
  value: string;
  /** Writes the value; throw (ApiError) to refuse it. */
  onSave(value: string): Promise<void>;
  /** Returns a message when the text cannot be saved. */
  validate?(value: string): string | null;
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

const DEBOUNCE_MS = 700;

export function AutosaveField(props: AutosaveFieldProps) {
  const {
    label,
    value,
    onSave,
    validate,
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
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const saved = useRef(value);
  const draftRef = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { track } = useSaveTracker();

  // Follow the stored value unless the user has unsaved edits.
  useEffect(() => {
    // The store trims text: "Green " coming back as "Green" is our own save, so keep what was typed.
    if (value === draftRef.current.trim() && saved.current === draftRef.current) return;
    if (draftRef.current === saved.current) {
      draftRef.current = value;
      setDraft(value);
    }
    saved.current = value;
  }, [value]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = draftRef.current;
    if (text === saved.current) return;
    const problem = validate?.(text) ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    try {
      await track(() => onSave(text));
      saved.current = text;
      setError(null);
      setJustSaved(true);
    } catch (e) {
      setError(errorText(e));
    }
  }, [onSave, track, validate]);

  // Leaving the screen mid-pause (another tab, another plan) still saves what was typed.
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(
    () => () => {
      if (timer.current) void flushRef.current();
    },
    [],
  );

  const change = (text: string) => {
    draftRef.current = text;
    setDraft(text);
    setJustSaved(false);
    const problem = validate?.(text) ?? null;
    setError(problem);
    if (timer.current) clearTimeout(timer.current);
    if (!problem) timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  };

  const keyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !multiline) void flush();
  };

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    value: draft,
    disabled,
    placeholder,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onBlur: () => void flush(),
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

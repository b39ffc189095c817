/**
 * `useAutosave`: a field's value kept locally while typing (so the rest of the app does not re-render on
 * each keystroke), saved ~400 ms after the last change and at once on blur, unmount or `flush()`.
 * Saves for one field run in order. Give the form a React `key` per entity so a switch saves the old one. When the stored value changes from outside (undo, reload) and the
 * field has no unsaved typing, the field follows it. A failed save keeps what was typed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from './context';
import { errorText } from '../errors';

export const AUTOSAVE_DELAY_MS = 400;

export interface AutosaveOptions<T> {
  /** The value as stored. */
  stored: T;
  /** Writes `next` (the tracker and undo are the saver's business). */
  save(next: T): Promise<unknown>;
  delay?: number;
  equals?: (a: T, b: T) => boolean;
}

export interface Autosave<T> {
  value: T;
  setValue(next: T): void;
  /** Saves now if there is unsaved typing. */
  flush(): Promise<void>;
  dirty: boolean;
  /** Why the last save failed, in plain words, to show beside the field; null once a save succeeds. */
  error: string | null;
}

export function useAutosave<T>({
  stored,
  save,
  delay = AUTOSAVE_DELAY_MS,
  equals = Object.is,
}: AutosaveOptions<T>): Autosave<T> {
  const { saves } = useServices();
  const [value, setLocal] = useState<T>(stored);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = useRef({
    value: stored,
    dirty: false,
    timer: 0 as ReturnType<typeof setTimeout> | 0,
    chain: Promise.resolve(),
    lastSaved: stored,
  });
  const saveRef = useRef(save);
  saveRef.current = save;
  const equalsRef = useRef(equals);
  equalsRef.current = equals;

  // Follow the stored value when there is no unsaved typing.
  useEffect(() => {
    const s = state.current;
    s.lastSaved = stored;
    if (!s.dirty && !equalsRef.current(s.value, stored)) {
      s.value = stored;
      setLocal(stored);
    }
  }, [stored]);

  const flush = useCallback(async (): Promise<void> => {
    const s = state.current;
    if (s.timer) clearTimeout(s.timer);
    s.timer = 0;
    if (!s.dirty) return s.chain;
    s.dirty = false;
    setDirty(false);
    const next = s.value;
    s.chain = s.chain.then(async () => {
      if (equalsRef.current(next, s.lastSaved)) {
        saves.settle();
        return;
      }
      try {
        await saveRef.current(next);
        s.lastSaved = next;
        setError(null);
      } catch (e) {
        setError(errorText(e));
        // The tracker shows the message; keep the typing so nothing is lost, and retry on the next flush.
        if (!s.dirty) {
          s.dirty = true;
          setDirty(true);
        }
      }
    });
    return s.chain;
  }, [saves]);

  const setValue = useCallback(
    (next: T) => {
      const s = state.current;
      s.value = next;
      setLocal(next);
      if (!s.dirty) {
        s.dirty = true;
        setDirty(true);
        saves.markDirty();
      }
      if (s.timer) clearTimeout(s.timer);
      s.timer = setTimeout(() => void flush(), delay);
    },
    [delay, flush, saves],
  );

  // Save on unmount (closing the panel, switching tabs).
  useEffect(() => () => void flush(), [flush]);
  // Save before the window goes away.
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [flush]);

  return { value, setValue, flush, dirty, error };
}

/** Keyboard helpers shared by the shell and views. */

/** True when the event target is a place where typing text goes (so single-letter shortcuts and Ctrl+Z are left alone). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return !target.readOnly;
  if (target instanceof HTMLInputElement) {
    return (
      !target.readOnly &&
      !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type)
    );
  }
  return target instanceof HTMLSelectElement;
}

/** Ctrl (or Cmd on a Mac) held. */
export function primaryModifier(e: KeyboardEvent | React.KeyboardEvent): boolean {
  return e.ctrlKey || e.metaKey;
}

/** TextArea that grows with its content (up to `maxRows`), for multi-paragraph narrative text. */
import { forwardRef, useCallback, useLayoutEffect, useRef, type TextareaHTMLAttributes } from 'react';

export interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  minRows?: number;
  maxRows?: number;
}

export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea(
  { minRows = 2, maxRows = 20, value, onChange, style, ...rest },
  forwarded,
) {
  const inner = useRef<HTMLTextAreaElement | null>(null);
  const setRef = useCallback(
    (el: HTMLTextAreaElement | null) => {
      inner.current = el;
      if (typeof forwarded === 'function') forwarded(el);
      else if (forwarded) forwarded.current = el;
    },
    [forwarded],
  );
  useLayoutEffect(() => {
    const el = inner.current;
    if (!el) return;
    const line = parseFloat(getComputedStyle(el).lineHeight) || 18;
    const lastHeight = el.style.height;
    el.style.height = 'auto';
    const target = Math.min(Math.max(el.scrollHeight + 2, minRows * line + 10), maxRows * line + 10);
    const next = `${Math.round(target)}px`;
    el.style.height = next === lastHeight ? lastHeight : next;
  }, [value, minRows, maxRows]);
  return (
    <textarea
      ref={setRef}
      value={value}
      onChange={onChange}
      rows={minRows}
      style={{ overflowY: 'auto', ...style }}
      {...rest}
    />
  );
});

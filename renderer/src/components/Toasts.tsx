/** Toast messages at the bottom of the window (polite live region), each with an optional action button. */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { ToastOptions } from '../state/context';

interface ToastItem extends ToastOptions {
  id: number;
  message: string;
}

export function useToasts(): { toasts: ReactNode; toast(message: string, options?: ToastOptions): void } {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const toast = useCallback(
    (message: string, options: ToastOptions = {}) => {
      const id = next.current++;
      setItems((list) => [...list.slice(-2), { id, message, ...options }]);
      setTimeout(() => dismiss(id), options.kind === 'error' ? 10_000 : 6_000);
    },
    [dismiss],
  );
  const toasts = (
    <div className="toasts" role="status" aria-live="polite">
      {items.map((t) => (
        <div key={t.id} className="toast" data-kind={t.kind ?? 'info'}>
          <span>{t.message}</span>
          {t.action ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                t.action!.run();
                dismiss(t.id);
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-small btn-quiet"
            aria-label="Dismiss message"
            onClick={() => dismiss(t.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
  return { toasts, toast };
}

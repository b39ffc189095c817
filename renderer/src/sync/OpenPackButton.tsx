/**
 * "Open an update pack…" in the plan library: how a lead opens the owner's invitation on a new laptop (and
 * anyone opens a pack without first finding the plan). The main process asks which file; the result is a
 * short report, and an invitation opens the plan.
 */
import { useState } from 'react';
import { ApiError, call } from '../api';
import { plural } from '../components/format';

export function OpenPackButton({ onOpened }: { onOpened(planId: string): void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  async function open() {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('sync:open', {});
      if (r.duplicatePack)
        setMessage({ kind: 'info', text: `That pack for “${r.planTitle}” was opened before; nothing changed.` });
      else if (r.kind === 'invitation') onOpened(r.planId);
      else
        setMessage({
          kind: 'info',
          text: `Opened the pack for “${r.planTitle}”: ${plural(r.applied, 'change')} applied, ${r.conflicts} conflicts, ${r.heldBack.length} held back. See its Sharing tab.`,
        });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'cancelled'))
        setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" className="btn" disabled={busy} aria-busy={busy || undefined} onClick={() => void open()}>
        {busy ? 'Opening…' : 'Open an update pack…'}
      </button>
      {message ? (
        <p
          className={`notice ${message.kind === 'error' ? 'notice-danger' : 'notice-info'} sync-open-message`}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
    </>
  );
}

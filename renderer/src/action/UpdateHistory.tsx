/** One progress update's history (from the audit log): who changed it and when, with word-level changes. */
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/model';
import { call } from '../api';
import { errorText } from '../errors';
import { longDateTime } from '../components/format';
import { TextDiff } from '../components/TextDiff';

export function UpdateHistory({ progressId }: { progressId: string }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('history:get', { entityId: progressId, limit: 200 }).then(
      (list) => live && setEntries([...list].sort((a, b) => b.at.localeCompare(a.at))),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [progressId]);
  if (error)
    return (
      <p className="field-error" role="alert">
        Couldn't load the history: {error}
      </p>
    );
  if (entries === null) return <p className="muted small">Loading…</p>;
  if (entries.length === 0) return <p className="muted small">No changes recorded yet.</p>;
  return (
    <ol className="plain-list update-history" aria-label="Changes to this update">
      {entries.map((e) => (
        <li key={e.id}>
          <span className="muted nowrap">{longDateTime(e.at)}</span> <strong>{e.actor || 'Someone'}</strong>{' '}
          {e.op === 'update' && e.field === 'body' ? (
            <>
              changed the text: <TextDiff before={e.oldValue ?? ''} after={e.newValue ?? ''} />
            </>
          ) : e.op === 'create' ? (
            'wrote it'
          ) : e.op === 'delete' ? (
            'deleted it'
          ) : e.op === 'restore' ? (
            'restored it'
          ) : (
            `changed the ${e.field ?? 'update'}`
          )}
        </li>
      ))}
    </ol>
  );
}

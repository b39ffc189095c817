/**
 * One field with 2 (or more) versions: the common base, each value with who and when, and "Keep this" /
 * "Combine…". The one view of a conflict: the Sharing tab lists them, and the "2 versions" badges on the
 * plan table row and in the action form open it in a dialog (ConflictBadge.tsx).
 */
import { useState } from 'react';
import type { SyncConflict } from '../../../shared/contract-sync';
import type { PlanTree } from '../../../shared/model';
import { longDateTime } from '../components/format';

const FIELD_WORDS: Record<string, string> = {
  levelId: 'rating',
  explanation: 'explanation',
  correctiveAction: 'corrective action',
  body: 'progress text',
  ratedBy: 'rated by',
  ratedAt: 'rated at',
  description: 'action text',
  outcome: 'outcome',
  dueText: 'due date',
  notes: 'internal notes',
  name: 'name',
  orderKey: 'place in the list',
};
/** A synced field in words ("levelId" -> "rating"). */
export const fieldWords = (field: string) => FIELD_WORDS[field] ?? field;

const show = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '(empty)' : typeof v === 'string' ? v : JSON.stringify(v);

/** A conflict's value as a person reads it (a rating level id becomes its label). */
function valueText(tree: PlanTree, conflict: SyncConflict, value: unknown): string {
  if (conflict.field === 'levelId') {
    if (value === null || value === undefined) return 'Not rated';
    return tree.levels.find((l) => l.id === value)?.label ?? show(value);
  }
  // An order key means nothing to read: each version is where that person put the row.
  if (conflict.field === 'orderKey') return 'Where this version puts it';
  return show(value);
}

export type Resolution = { keep: string } | { text: string };

export function ConflictCard({
  tree,
  conflict,
  busy,
  onResolve,
}: {
  tree: PlanTree;
  conflict: SyncConflict;
  busy: boolean;
  onResolve(how: Resolution): void;
}) {
  const isText =
    conflict.versions.every((v) => v.value === null || typeof v.value === 'string') &&
    conflict.field !== 'levelId' &&
    conflict.field !== 'orderKey';
  const [combining, setCombining] = useState(false);
  const [text, setText] = useState(() => conflict.versions.map((v) => show(v.value)).join('\n\n'));
  return (
    <article
      className="sync-conflict"
      aria-label={`${conflict.label}, ${fieldWords(conflict.field)}: ${conflict.versions.length} versions`}
    >
      <div className="hstack">
        <strong>
          {conflict.label}: {fieldWords(conflict.field)}
        </strong>
        <span className="tag tag-warn">{conflict.versions.length} versions</span>
      </div>
      {conflict.base ? (
        <p className="muted sync-base">
          Before both changes: “{valueText(tree, conflict, conflict.base.value)}” ({conflict.base.person},{' '}
          {longDateTime(conflict.base.at)})
        </p>
      ) : null}
      <ol className="sync-versions">
        {conflict.versions.map((v, i) => (
          <li key={v.opId}>
            <div className="sync-version-value">{valueText(tree, conflict, v.value)}</div>
            <div className="hstack">
              <span className="muted">
                {v.person}, {longDateTime(v.at)}
              </span>
              <span className="spacer" />
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() => onResolve({ keep: v.opId })}
                aria-label={`Keep version ${i + 1} by ${v.person}`}
              >
                Keep this
              </button>
            </div>
          </li>
        ))}
      </ol>
      {isText ? (
        combining ? (
          <div className="stack">
            <label className="field">
              <span>Combined text</span>
              <textarea value={text} rows={5} onChange={(e) => setText(e.target.value)} />
            </label>
            <div className="hstack">
              <button
                type="button"
                className="btn btn-primary btn-small"
                disabled={busy || !text.trim()}
                onClick={() => onResolve({ text })}
              >
                Save combined text
              </button>
              <button type="button" className="btn btn-small btn-quiet" onClick={() => setCombining(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => setCombining(true)}>
            Combine…
          </button>
        )
      ) : null}
    </article>
  );
}

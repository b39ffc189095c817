/**
 * An action's history from the audit log (`history:get` for the action, its ratings and its progress
 * updates): who changed what and when, newest first, dates like "13 February 2018, 14:05".
 */
import { useEffect, useState } from 'react';
import type { Action, AuditEntry, PlanTree } from '../../../shared/model';
import { call } from '../api';
import { longDateTime } from '../components/format';
import { TextDiff } from '../components/TextDiff';
import { indexTree } from '../state/indexes';
import { errorText } from '../errors';

export const FIELD_NAMES: Record<string, string> = {
  description: 'action text',
  outcome: 'outcome',
  dueText: 'due date',
  due_text: 'due date',
  notes: 'internal notes',
  reference: 'reference',
  objectiveId: 'objective',
  objective_id: 'objective',
  body: 'progress text',
  internal: 'internal flag',
  levelId: 'rating',
  level_id: 'rating',
  explanation: 'explanation',
  correctiveAction: 'corrective action',
  corrective_action: 'corrective action',
  leads: 'leads',
  archived: 'archived',
  position: 'position',
  sectionId: 'section',
  section_id: 'section',
  recommendations: 'recommendations',
};

const OPS: Record<AuditEntry['op'], string> = {
  create: 'created',
  update: 'changed',
  delete: 'deleted',
  restore: 'restored',
  archive: 'archived',
  move: 'moved',
};

function clip(s: string | null): string {
  if (s === null || s === '') return 'blank';
  return s.length > 120 ? `“${s.slice(0, 120)}…”` : `“${s}”`;
}

export function describeEntry(e: AuditEntry, levelName: (id: string) => string | undefined): string {
  const what = e.entity === 'action' ? 'action' : e.entity === 'progress' ? 'progress update' : e.entity;
  if (e.op !== 'update' || !e.field) return `${OPS[e.op]} the ${what}`;
  const field = FIELD_NAMES[e.field] ?? e.field;
  if (field === 'rating') {
    const from = e.oldValue ? (levelName(e.oldValue) ?? e.oldValue) : 'not rated';
    const to = e.newValue ? (levelName(e.newValue) ?? e.newValue) : 'not rated';
    return `changed the rating from ${from} to ${to}`;
  }
  return `changed the ${field} from ${clip(e.oldValue)} to ${clip(e.newValue)}`;
}

/** Narrative text changes longer than a short phrase are shown word by word, not as two clipped strings. */
const LONG_TEXT_FIELDS = new Set([
  'description',
  'outcome',
  'notes',
  'body',
  'explanation',
  'correctiveAction',
  'corrective_action',
]);
export function isLongTextChange(e: AuditEntry): boolean {
  return (
    e.op === 'update' &&
    !!e.field &&
    LONG_TEXT_FIELDS.has(e.field) &&
    Math.max(e.oldValue?.length ?? 0, e.newValue?.length ?? 0) > 60
  );
}

export function HistoryPanel({ action, tree }: { action: Action; tree: PlanTree }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const index = indexTree(tree);
  useEffect(() => {
    let live = true;
    const ids = [
      action.id,
      ...tree.ratings.filter((r) => r.actionId === action.id).map((r) => r.id),
      ...(index.progressByAction.get(action.id) ?? []).map((p) => p.id),
    ];
    Promise.all(ids.slice(0, 40).map((entityId) => call('history:get', { entityId, limit: 200 }))).then(
      (lists) => {
        if (!live) return;
        const seen = new Set<string>();
        const all = lists.flat().filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
        all.sort((a, b) => b.at.localeCompare(a.at));
        setEntries(all);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
    // Refresh when the action changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action.id, action.updatedAt, tree.ratings, tree.progress]);
  const levelName = (id: string) => index.levelById.get(id)?.label;
  return (
    <section className="history-panel" aria-label={`History of action ${action.reference}`}>
      <h3>History</h3>
      {error ? (
        <p role="alert" className="field-error">
          Couldn't load the history: {error}
        </p>
      ) : null}
      {entries === null && !error ? <p className="muted">Loading…</p> : null}
      {entries?.length === 0 ? <p className="muted">No changes recorded yet.</p> : null}
      <ol className="plain-list history-list">
        {entries?.map((e) => (
          <li key={e.id}>
            <span className="muted small nowrap">{longDateTime(e.at)}</span> <strong>{e.actor || 'Someone'}</strong>{' '}
            {isLongTextChange(e) ? (
              <>
                changed the {FIELD_NAMES[e.field!] ?? e.field}:{' '}
                <TextDiff before={e.oldValue ?? ''} after={e.newValue ?? ''} />
              </>
            ) : (
              describeEntry(e, levelName)
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * This period's progress for one action (issue 11 point 1). Public updates and internal notes are kept
 * apart and look different:
 * - the newest public update is the box labelled "<Progress> for <period>"; when the period has none, that
 *   box starts empty and typing in it adds the update;
 * - "Add update" starts another public update; "Add internal note" starts a note in its own purple,
 *   dashed box labelled "Internal note for <period>". Nothing ever turns one into the other, so a lead's
 *   public text can never land in a note by accident;
 * - every update of the period can be edited by the author, with its own history (word-level changes)
 *   and Delete (with Undo).
 */
import { useCallback, useRef, useState } from 'react';
import type { Action, ProgressUpdate } from '../../../shared/model';

import { useAutosave } from '../state/autosave';
import { indexTree } from '../state/indexes';
import { useServices, useTree, useWorkspace } from '../state/context';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { TextArea } from '../components/TextArea';
import { PadlockIcon } from '../components/Icons';
import { longDateTime } from '../components/format';
import { LengthNote, tooLong } from '../components/LengthNote';
import { errorText } from '../errors';
import { UpdateHistory } from './UpdateHistory';

type Kind = 'public' | 'internal';

export function ProgressEditor({
  action,
  periodId,
  readOnly,
  periodLabel,
}: {
  action: Action;
  periodId: string;
  readOnly: boolean;
  periodLabel: string;
}) {
  const tree = useTree();
  const index = indexTree(tree);
  const updates = index.progressOf(action.id, periodId);
  const columnLabel = tree.plan.columns.find((c) => c.field === 'progress')?.label ?? 'Progress update';
  // Drafts being written (not yet stored). A stored update made from a draft keeps the draft's key so
  // the box (and the caret in it) stays put.
  const [drafts, setDrafts] = useState<{ key: string; kind: Kind }[]>([]);
  const fromDraft = useRef(new Map<string, string>());
  const nextKey = useRef(0);
  const adopted = new Set(fromDraft.current.values());
  const liveDrafts = drafts.filter((d) => !adopted.has(d.key));
  const keyOf = (u: ProgressUpdate) => fromDraft.current.get(u.id) ?? u.id;

  const add = (kind: Kind) => {
    const key = `draft-${nextKey.current++}`;
    setDrafts((d) => [...d, { key, kind }]);
    // Focus the new box once it is drawn.
    requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>(`[data-update-key="${key}"]`)?.focus());
  };
  const adopt = useCallback((key: string) => (id: string) => void fromDraft.current.set(id, key), []);

  const publicUpdates = updates.filter((u) => !u.internal);
  const notes = updates.filter((u) => u.internal);
  const publicDrafts = liveDrafts.filter((d) => d.kind === 'public');
  const noteDrafts = liveDrafts.filter((d) => d.kind === 'internal');
  // The public boxes, newest first; an empty one when the period has no public update yet.
  type Box = { key: string; update: ProgressUpdate | null };
  const publicBoxes: Box[] = [
    ...publicDrafts.map((d) => ({ key: d.key, update: null })).reverse(),
    ...[...publicUpdates].reverse().map((u) => ({ key: keyOf(u), update: u })),
  ];
  if (publicBoxes.length === 0 && !readOnly) publicBoxes.push({ key: 'first-update', update: null });
  const noteBoxes: Box[] = [
    ...noteDrafts.map((d) => ({ key: d.key, update: null })).reverse(),
    ...[...notes].reverse().map((u) => ({ key: keyOf(u), update: u })),
  ];
  const [latest, ...earlier] = publicBoxes;
  const hasPublic = publicUpdates.length > 0;

  return (
    <div className="progress-editor">
      {latest ? (
        <UpdateBox
          key={latest.key}
          boxKey={latest.key}
          action={action}
          periodId={periodId}
          update={latest.update}
          kind="public"
          label={`${columnLabel} for ${periodLabel}`}
          readOnly={readOnly}
          onCreated={adopt(latest.key)}
        />
      ) : (
        <p className="muted small">No progress update for {periodLabel}.</p>
      )}
      {readOnly ? null : (
        <div className="hstack update-adders">
          {hasPublic ? (
            <Button small onClick={() => add('public')}>
              + Add update
            </Button>
          ) : null}
          <Button small className="add-note" onClick={() => add('internal')}>
            <PadlockIcon /> Add internal note
          </Button>
        </div>
      )}
      {earlier.length > 0 ? (
        <details className="earlier-updates" open={earlier.some((b) => b.update === null)}>
          <summary>
            {earlier.length} earlier update{earlier.length === 1 ? '' : 's'} in {periodLabel}
          </summary>
          {earlier.map((b, i) => (
            <UpdateBox
              key={b.key}
              boxKey={b.key}
              action={action}
              periodId={periodId}
              update={b.update}
              kind="public"
              label={`Earlier update ${earlier.length - i} for ${periodLabel}`}
              readOnly={readOnly}
              onCreated={adopt(b.key)}
            />
          ))}
        </details>
      ) : null}
      {noteBoxes.length > 0 ? (
        <div className="internal-notes" role="group" aria-label={`Internal notes for ${periodLabel}`}>
          {noteBoxes.map((b, i) => (
            <UpdateBox
              key={b.key}
              boxKey={b.key}
              action={action}
              periodId={periodId}
              update={b.update}
              kind="internal"
              label={
                i === 0
                  ? `Internal note for ${periodLabel}`
                  : `Earlier internal note ${noteBoxes.length - i} for ${periodLabel}`
              }
              readOnly={readOnly}
              onCreated={adopt(b.key)}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function UpdateBox({
  boxKey,
  action,
  periodId,
  update,
  kind,
  label,
  readOnly,
  onCreated,
}: {
  boxKey: string;
  action: Action;
  periodId: string;
  update: ProgressUpdate | null;
  kind: Kind;
  label: string;
  readOnly: boolean;
  onCreated(id: string): void;
}) {
  const { editor } = useWorkspace();
  const { toast } = useServices();
  const idRef = useRef<string | null>(update?.id ?? null);
  if (update && idRef.current === null) idRef.current = update.id;
  const [showHistory, setShowHistory] = useState(false);
  const internal = kind === 'internal';
  const draft = useAutosave({
    stored: update?.body ?? '',
    save: async (body) => {
      // Too long to store: say so beside the box (LengthNote) and keep the typing; nothing is sent.
      if (tooLong(body)) return;
      // An empty new box stores nothing.
      if (idRef.current === null && body.trim() === '') return;
      idRef.current = await editor.saveProgress(action.id, periodId, idRef.current, { body, internal }, onCreated);
    },
  });
  const id = idRef.current;
  return (
    <div className={`update-box${internal ? ' internal-block' : ''}`} data-kind={kind}>
      <Field
        label={label}
        error={draft.error}
        aside={
          internal ? (
            <span className="tag tag-internal">
              <PadlockIcon size={10} /> Internal: not published
            </span>
          ) : (
            <span className="tag tag-neutral">Public: goes in the appendix</span>
          )
        }
        hint={
          <>
            {update ? (
              <span className="muted">
                {update.author ? `By ${update.author}, last changed` : 'Last changed'} {longDateTime(update.updatedAt)}
                .{' '}
              </span>
            ) : internal ? (
              'For the team only (“Asked John Cooke”). Left out of the Word appendix unless asked.'
            ) : (
              'Several paragraphs are fine; start with a status phrase such as “On track.” or “Completed.”'
            )}
          </>
        }
      >
        {(p) => (
          <>
            <TextArea
              {...p}
              className="progress-text"
              data-update-key={boxKey}
              value={draft.value}
              minRows={internal ? 2 : 4}
              maxRows={18}
              readOnly={readOnly}
              onChange={(e) => draft.setValue(e.target.value)}
              onBlur={() => void draft.flush()}
            />
            <LengthNote length={draft.value.length} />
          </>
        )}
      </Field>
      {id && !readOnly ? (
        <div className="hstack update-meta">
          <Button
            small
            variant="quiet"
            aria-pressed={showHistory}
            onClick={() => setShowHistory((s) => !s)}
            aria-label={`Changes to this ${internal ? 'internal note' : 'update'}`}
          >
            Changes
          </Button>
          <Button
            small
            variant="quiet"
            aria-label={`Remove this ${internal ? 'internal note' : 'update'}`}
            onClick={() => {
              void editor.deleteProgress(id).then(
                () =>
                  toast(`Removed the ${internal ? 'internal note' : 'progress update'}`, {
                    action: {
                      label: 'Undo',
                      run: () => void editor.undo.undo().catch((e: unknown) => toast(errorText(e), { kind: 'error' })),
                    },
                  }),
                (e: unknown) => toast(errorText(e), { kind: 'error' }),
              );
            }}
          >
            Remove
          </Button>
        </div>
      ) : null}
      {showHistory && id ? <UpdateHistory progressId={id} /> : null}
    </div>
  );
}

/**
 * "2 versions" badges beside the plan table row and in the action form (issue 10): a field changed on two
 * copies at once is shown, never dropped. The badge opens the same view as the Sharing tab (ConflictCard:
 * the common base, each value with who and when; keep one or combine) in a dialog.
 *
 * ConflictsProvider asks `sync:conflicts` when the plan opens and again (debounced) after the plan changes,
 * and keeps each action's conflicts in one array, so a table row re-renders only when its own conflicts do.
 * A plan that is not shared answers at once with none.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SyncConflict } from '../../../shared/contract-sync';
import type { PlanTree } from '../../../shared/model';
import { call } from '../api';
import { Dialog } from '../components/Dialog';
import { Button } from '../components/Button';
import { errorText } from '../errors';
import { useServices, useWorkspace } from '../state/context';
import { ConflictCard, fieldWords, type Resolution } from './ConflictCard';
import './sync.css';

const NONE: readonly SyncConflict[] = [];
/** The order an action's fields are listed in: the rating first, as the form has them. */
const FIELD_ORDER = ['levelId', 'explanation', 'correctiveAction', 'body', 'description', 'outcome', 'dueText'];
const rank = (c: SyncConflict) => (FIELD_ORDER.indexOf(c.field) + FIELD_ORDER.length + 1) % (FIELD_ORDER.length + 1);

interface ConflictsValue {
  /** The open conflicts of an action (its own fields, its ratings, updates and leads), the same array until they change. */
  of(actionId: string): readonly SyncConflict[];
  /** Opens the conflicts of an action (or one of them) in the dialog. */
  show(actionId: string, conflictId?: string): void;
}

const ConflictsContext = createContext<ConflictsValue>({ of: () => NONE, show: () => undefined });

/** The open conflicts of one action (none outside a shared plan). */
export function useActionConflicts(actionId: string): readonly SyncConflict[] {
  return useContext(ConflictsContext).of(actionId);
}

/** Every action's conflicts and the dialog (for the plan table, which asks per row). */
export function useConflicts(): ConflictsValue {
  return useContext(ConflictsContext);
}

/** Same conflicts (ids and versions)? Then the old array is kept, so memoised rows do not re-render. */
const sameList = (a: readonly SyncConflict[], b: readonly SyncConflict[]) =>
  a.length === b.length &&
  a.every(
    (c, i) => c.id === b[i]!.id && c.versions.map((v) => v.opId).join() === b[i]!.versions.map((v) => v.opId).join(),
  );

export function ConflictsProvider({ tree, children }: { tree: PlanTree; children: ReactNode }) {
  const { store } = useWorkspace();
  const planId = tree.plan.id;
  const [byAction, setByAction] = useState<ReadonlyMap<string, readonly SyncConflict[]>>(new Map());
  const [open, setOpen] = useState<{ actionId: string; conflictId?: string } | null>(null);

  const refresh = useCallback(async () => {
    const { conflicts } = await call('sync:conflicts', { planId });
    setByAction((before) => {
      const next = new Map<string, SyncConflict[]>();
      for (const c of conflicts) if (c.actionId) next.set(c.actionId, [...(next.get(c.actionId) ?? []), c]);
      const out = new Map<string, readonly SyncConflict[]>();
      for (const [id, list] of next) {
        list.sort((a, b) => a.label.localeCompare(b.label) || rank(a) - rank(b));
        const old = before.get(id);
        out.set(id, old && sameList(old, list) ? old : list);
      }
      return out.size === 0 && before.size === 0 ? before : out;
    });
  }, [planId]);

  // Asked when the plan opens, then after changes settle (a pack opened, a field saved, a conflict resolved).
  const first = useRef(true);
  useEffect(() => {
    const run = () => void refresh().catch(() => undefined);
    if (first.current) {
      first.current = false;
      run();
      return;
    }
    const t = setTimeout(run, 500);
    return () => clearTimeout(t);
  }, [tree, refresh]);

  const value = useMemo<ConflictsValue>(
    () => ({
      of: (actionId) => byAction.get(actionId) ?? NONE,
      show: (actionId, conflictId) => setOpen(conflictId ? { actionId, conflictId } : { actionId }),
    }),
    [byAction],
  );

  const shown = open ? (byAction.get(open.actionId) ?? NONE) : NONE;
  return (
    <ConflictsContext.Provider value={value}>
      {children}
      {open ? (
        <ConflictsDialog
          tree={tree}
          actionId={open.actionId}
          conflicts={open.conflictId ? shown.filter((c) => c.id === open.conflictId) : shown}
          onResolved={async () => {
            await store.load();
            await refresh();
          }}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </ConflictsContext.Provider>
  );
}

function ConflictsDialog({
  tree,
  actionId,
  conflicts,
  onResolved,
  onClose,
}: {
  tree: PlanTree;
  actionId: string;
  conflicts: readonly SyncConflict[];
  onResolved(): Promise<void>;
  onClose(): void;
}) {
  const { toast } = useServices();
  const planId = tree.plan.id;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const action = tree.actions.find((a) => a.id === actionId);
  const settled = useRef(false);
  // Everything settled: the dialog closes itself (the toast says so).
  useEffect(() => {
    if (settled.current && conflicts.length === 0) onClose();
  }, [conflicts.length, onClose]);

  const resolve = async (conflict: SyncConflict, how: Resolution) => {
    setBusy(true);
    setError(null);
    try {
      await call('sync:resolve', { planId, conflictId: conflict.id, ...how });
      settled.current = true;
      await onResolved();
      toast(`${conflict.label}, ${fieldWords(conflict.field)}: resolved.`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Action ${action?.reference || ''}: ${conflicts.length === 1 ? 'a field' : 'fields'} with 2 versions`}
      onClose={onClose}
      width={760}
      actions={<Button onClick={onClose}>Close</Button>}
    >
      <p className="muted">
        This was changed on two copies of the plan at the same time. Keep one version, or combine them; the plan shows
        the latest until you do.
      </p>
      {error ? (
        <div className="notice notice-danger" role="alert">
          {error}
        </div>
      ) : null}
      {busy ? (
        <p role="status" aria-live="polite" className="muted">
          Saving your decision…
        </p>
      ) : null}
      <div className="stack sync-dialog-list">
        {conflicts.length === 0 ? <p>Nothing left to settle.</p> : null}
        {conflicts.map((c) => (
          <ConflictCard key={c.id} tree={tree} conflict={c} busy={busy} onResolve={(how) => void resolve(c, how)} />
        ))}
      </div>
    </Dialog>
  );
}

/** What a badge says to a screen reader: which fields have versions to compare. */
export function conflictsLabel(conflicts: readonly SyncConflict[]): string {
  const fields = [...new Set(conflicts.map(where))];
  return `${fields.join('; ')}: ${Math.max(...conflicts.map((c) => c.versions.length))} versions. Compare and settle`;
}

/**
 * The "2 versions" badge. In a table row it is left out of the tab order (the row is one tab stop; Enter opens
 * the action form, whose badges are reachable); in the action form it is an ordinary button.
 */
export function ConflictBadge({
  actionId,
  conflicts,
  conflictId,
  inRow,
}: {
  actionId: string;
  conflicts: readonly SyncConflict[];
  conflictId?: string;
  inRow?: boolean;
}) {
  const { show } = useConflicts();
  if (conflicts.length === 0) return null;
  const versions = Math.max(...conflicts.map((c) => c.versions.length));
  return (
    <button
      type="button"
      className="tag tag-warn conflict-badge"
      tabIndex={inRow ? -1 : undefined}
      aria-label={conflictsLabel(conflicts)}
      title="Changed on two copies at once: compare and settle"
      onClick={(e) => {
        e.stopPropagation();
        show(actionId, conflictId);
      }}
    >
      {versions} versions
    </button>
  );
}

/** In the action form: one badge per field with versions, with what it is ("Rating, January 2026: 2 versions"). */
export function ActionConflicts({ actionId }: { actionId: string }) {
  const conflicts = useActionConflicts(actionId);
  if (conflicts.length === 0) return null;
  return (
    <div className="notice notice-warn action-conflicts" role="group" aria-label="Fields with 2 versions">
      <span>
        {conflicts.length === 1 ? 'A field was' : `${conflicts.length} fields were`} changed on two copies at once:
      </span>
      <ul className="plain-list action-conflicts-list">
        {conflicts.map((c) => (
          <li key={c.id}>
            <span>{where(c)}</span> <ConflictBadge actionId={actionId} conflicts={[c]} conflictId={c.id} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Rating, January 2026" from "Action 2.5, rating for January 2026" and the field. */
function where(c: SyncConflict): string {
  const period = / for (.+)$/.exec(c.label)?.[1];
  const field = fieldWords(c.field);
  return `${field.charAt(0).toUpperCase()}${field.slice(1)}${period ? `, ${period}` : ''}`;
}

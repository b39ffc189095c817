/**
 * The plan library: every plan with its organisation, period, last change, current reporting period,
 * action count and rating distribution; create from a template, duplicate, archive / unarchive, move
 * to Trash, restore, and delete for ever (with a confirmation). Every row has its own labelled buttons.
 */
import { OpenPackButton } from '../sync/OpenPackButton';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { call, onEvent } from '../api';
import type { Plan, PlanListItem } from '../../../shared/model';
import { TEMPLATES } from '../../../shared/templates';
import { ConfirmDialog } from '../settings/ConfirmDialog';
import { CreatePlanDialog } from './CreatePlanDialog';
import { DistributionBar } from './DistributionBar';
import { formatDay, plural } from './format';
import './library.css';
import { errorText } from '../errors';

export type LibraryView = 'current' | 'archived' | 'trash';

const VIEWS: { id: LibraryView; label: string }[] = [
  { id: 'current', label: 'Plans' },
  { id: 'archived', label: 'Archived' },
  { id: 'trash', label: 'Trash' },
];

interface Notice {
  text: string;
  kind: 'info' | 'error';
  undo?: { label: string; run(): Promise<unknown> };
}

export interface PlanLibraryProps {
  onOpenPlan(planId: string): void;
}

export function PlanLibrary({ onOpenPlan }: PlanLibraryProps) {
  const [view, setView] = useState<LibraryView>('current');
  const [live, setLive] = useState<PlanListItem[] | null>(null);
  const [trash, setTrash] = useState<PlanListItem[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [purging, setPurging] = useState<PlanListItem | null>(null);
  const [purgeError, setPurgeError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [all, deleted] = await Promise.all([
        call('plans:list', { includeArchived: true }),
        call('plans:list', { trash: true }),
      ]);
      setLive(all);
      setTrash(deleted);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // File > New plan in the native menu opens the dialog while the library is showing.
  useEffect(
    () =>
      onEvent('menu:command', ({ command }) => {
        if (command === 'newPlan') setCreating(true);
      }),
    [],
  );

  const lists: Record<LibraryView, PlanListItem[]> = useMemo(
    () => ({
      current: (live ?? []).filter((p) => !p.archived && p.deletedAt === null),
      archived: (live ?? []).filter((p) => p.archived && p.deletedAt === null),
      trash,
    }),
    [live, trash],
  );

  const q = filter.trim().toLowerCase();
  const rows = lists[view]
    .filter((p) => !q || [p.title, p.organisation, p.service, p.planPeriod].some((s) => s.toLowerCase().includes(q)))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  /** Runs a row operation, then reloads and shows what happened (with Undo when it can be undone). */
  const act = async <T,>(p: PlanListItem, work: () => Promise<T>, done: (result: T) => Notice) => {
    setBusyId(p.id);
    try {
      setNotice(done(await work()));
      await load();
    } catch (e) {
      setNotice({ kind: 'error', text: `“${p.title}”: ${errorText(e)}` });
    } finally {
      setBusyId(null);
    }
  };

  const duplicate = (p: PlanListItem) =>
    act(
      p,
      () => call('plans:duplicate', { planId: p.id }),
      (copy) => ({ kind: 'info', text: `Duplicated “${p.title}” as “${copy.title}”.` }),
    );

  const archive = (p: PlanListItem, archived: boolean) =>
    act(
      p,
      () => call('plans:archive', { planId: p.id, archived }),
      () => ({
        kind: 'info',
        text: archived ? `Archived “${p.title}”. It is listed under Archived.` : `“${p.title}” is back in Plans.`,
        undo: { label: 'Undo', run: () => call('plans:archive', { planId: p.id, archived: !archived }) },
      }),
    );

  const toTrash = (p: PlanListItem) =>
    act(
      p,
      () => call('plans:delete', { planId: p.id }),
      () => ({
        kind: 'info',
        text: `Moved “${p.title}” to Trash.`,
        undo: { label: 'Undo', run: () => call('plans:restore', { planId: p.id }) },
      }),
    );

  const restore = (p: PlanListItem) =>
    act(
      p,
      () => call('plans:restore', { planId: p.id }),
      () => ({ kind: 'info', text: `Restored “${p.title}”.` }),
    );

  const purge = async () => {
    if (!purging) return;
    setPurgeError(null);
    try {
      await call('plans:purge', { planId: purging.id });
      setNotice({ kind: 'info', text: `Deleted “${purging.title}” for ever.` });
      setPurging(null);
      await load();
    } catch (e) {
      setPurgeError(errorText(e));
    }
  };

  const runUndo = async (n: Notice) => {
    if (!n.undo) return;
    try {
      await n.undo.run();
      setNotice({ kind: 'info', text: 'Undone.' });
      await load();
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    }
  };

  const created = (plan: Plan) => {
    setCreating(false);
    onOpenPlan(plan.id);
  };

  const addSample = async () => {
    try {
      const plan = await call('plans:createSample', {});
      onOpenPlan(plan.id);
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    }
  };

  return (
    <section className="page pw-library" aria-labelledby="library-heading">
      <header className="pw-library__head">
        <h1 id="library-heading">Plans</h1>
        <div role="tablist" aria-label="Which plans" className="tabs pw-library__views">
          {VIEWS.map((v, i) => (
            <button
              key={v.id}
              role="tab"
              type="button"
              id={`library-view-${v.id}`}
              aria-selected={view === v.id}
              tabIndex={view === v.id ? 0 : -1}
              className="tab"
              onClick={() => setView(v.id)}
              onKeyDown={(e) => {
                const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                if (!delta) return;
                e.preventDefault();
                const next = VIEWS[(i + delta + VIEWS.length) % VIEWS.length]!;
                setView(next.id);
                document.getElementById(`library-view-${next.id}`)?.focus();
              }}
            >
              {v.label} <span className="pw-count">{live === null ? '…' : lists[v.id].length}</span>
            </button>
          ))}
        </div>
        <span className="spacer" />
        <label htmlFor="library-filter" className="visually-hidden">
          Filter plans
        </label>
        <input
          id="library-filter"
          type="search"
          placeholder="Filter by title, organisation, service"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <OpenPackButton onOpened={onOpenPlan} />
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          + New plan
        </button>
      </header>

      <div className="pw-library__notice" role="status" aria-live="polite">
        {notice ? (
          <p className={`notice ${notice.kind === 'error' ? 'notice-danger' : 'notice-info'} hstack`}>
            <span>{notice.text}</span>
            {notice.undo ? (
              <button type="button" className="btn btn-small" onClick={() => void runUndo(notice)}>
                {notice.undo.label}
              </button>
            ) : null}
            <span className="spacer" />
            <button
              type="button"
              className="btn btn-small btn-quiet"
              aria-label="Dismiss message"
              onClick={() => setNotice(null)}
            >
              ✕
            </button>
          </p>
        ) : null}
      </div>

      {loadError ? (
        <p className="notice notice-danger" role="alert">
          Couldn&apos;t load the plans: {loadError}{' '}
          <button type="button" className="btn btn-small" onClick={() => void load()}>
            Try again
          </button>
        </p>
      ) : null}

      {view === 'trash' && rows.length > 0 ? (
        <p className="muted small">
          Plans in Trash can be restored. Deleting a plan for ever removes it and all its history.
        </p>
      ) : null}

      {live === null && !loadError ? <p className="muted">Loading plans…</p> : null}

      {live !== null && rows.length === 0 ? (
        <div className="empty pw-library__empty">
          {q ? (
            <p>No plans match “{filter}”.</p>
          ) : view === 'current' ? (
            <>
              <p>No plans yet. Create one from a template, or look round the sample plan first.</p>
              <div className="hstack pw-center">
                <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                  + New plan
                </button>
                <button type="button" className="btn" onClick={() => void addSample()}>
                  Open the sample plan
                </button>
              </div>
            </>
          ) : view === 'archived' ? (
            <p>
              No archived plans. Archive a plan when it has finished; it stays here, read-only in spirit, and can be
              brought back.
            </p>
          ) : (
            <p>Trash is empty.</p>
          )}
        </div>
      ) : null}

      {rows.length > 0 ? (
        <table className="pw-table pw-plans" aria-labelledby={`library-view-${view}`}>
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Plan period</th>
              <th scope="col">Current period</th>
              <th scope="col" className="pw-num">
                Actions
              </th>
              <th scope="col">Ratings this period</th>
              <th scope="col">{view === 'trash' ? 'Deleted' : 'Last changed'}</th>
              <th scope="col">
                <span className="visually-hidden">Commands</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const busy = busyId === p.id;
              const sub = [p.organisation, p.service].filter(Boolean).join(' · ');
              return (
                <tr key={p.id} data-testid="plan-row" aria-busy={busy || undefined}>
                  <th scope="row" className="pw-plans__title">
                    {view === 'trash' ? (
                      <span className="pw-plans__name">{p.title}</span>
                    ) : (
                      <button type="button" className="btn-link pw-plans__name" onClick={() => onOpenPlan(p.id)}>
                        {p.title}
                      </button>
                    )}
                    <span className="pw-plans__sub">
                      {sub || <span className="muted">No organisation set</span>}
                      <span className="pw-plans__layout"> · {TEMPLATES[p.template]?.name ?? p.template}</span>
                    </span>
                  </th>
                  <td>{p.planPeriod || <span className="muted">–</span>}</td>
                  <td>{p.currentPeriodLabel ?? <span className="muted">None set</span>}</td>
                  <td className="pw-num">{p.actionCount.toLocaleString('en-GB')}</td>
                  <td className="pw-plans__dist">
                    <DistributionBar
                      distribution={p.distribution}
                      notRated={p.notRated}
                      periodLabel={p.currentPeriodLabel}
                    />
                  </td>
                  <td className="nowrap">{formatDay(view === 'trash' ? (p.deletedAt ?? p.updatedAt) : p.updatedAt)}</td>
                  <td>
                    <div className="pw-row-buttons">
                      {view === 'trash' ? (
                        <>
                          <button
                            type="button"
                            className="btn btn-small"
                            disabled={busy}
                            aria-label={`Restore ${p.title}`}
                            onClick={() => void restore(p)}
                          >
                            Restore
                          </button>
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            disabled={busy}
                            aria-label={`Delete ${p.title} for ever`}
                            onClick={() => setPurging(p)}
                          >
                            Delete for ever
                          </button>
                        </>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="btn btn-small"
                            disabled={busy}
                            aria-label={`Open ${p.title}`}
                            onClick={() => onOpenPlan(p.id)}
                          >
                            Open
                          </button>
                          <button
                            type="button"
                            className="btn btn-small"
                            disabled={busy}
                            aria-label={`Duplicate ${p.title}`}
                            onClick={() => void duplicate(p)}
                          >
                            Duplicate
                          </button>
                          <button
                            type="button"
                            className="btn btn-small"
                            disabled={busy}
                            aria-label={`${p.archived ? 'Unarchive' : 'Archive'} ${p.title}`}
                            onClick={() => void archive(p, !p.archived)}
                          >
                            {p.archived ? 'Unarchive' : 'Archive'}
                          </button>
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            disabled={busy}
                            aria-label={`Move ${p.title} to Trash`}
                            onClick={() => void toTrash(p)}
                          >
                            Delete
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {rows.length > 0 ? (
        <p className="muted small pw-library__foot">{plural(rows.length, 'plan')}, most recently changed first.</p>
      ) : null}

      {creating ? <CreatePlanDialog onCreated={created} onCancel={() => setCreating(false)} /> : null}
      {purging ? (
        <ConfirmDialog
          title={`Delete “${purging.title}” for ever?`}
          confirmLabel="Delete for ever"
          danger
          error={purgeError}
          onConfirm={() => void purge()}
          onCancel={() => {
            setPurging(null);
            setPurgeError(null);
          }}
        >
          <p>
            {purging.actionCount > 0
              ? `The plan and everything in it (${plural(purging.actionCount, 'action')} with their ratings, progress updates and history) will be removed.`
              : 'The plan, its settings and its history will be removed.'}{' '}
            This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

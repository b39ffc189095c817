/**
 * The plan workspace: loads the plan tree, shows the tabs (Plan table, Update round, Overview,
 * Settings) and the period picker, and provides the store and editor to the views.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError } from '../api';
import { PlanSettings } from '../settings/PlanSettings';
import { PlanTable } from '../table/PlanTable';
import { ActionPanel } from '../action/ActionPanel';
import { UpdateRound } from '../round/UpdateRound';
import { Overview } from '../overview/Overview';
import { IndicatorsView } from '../indicators/IndicatorsView';
import { SharingPanel } from '../sync/SharingPanel';
import { ConflictsProvider } from '../sync/ConflictBadge';
import { PeriodPicker } from './PeriodPicker';
import { PlanHistory } from '../history/PlanHistory';
import { Editor } from '../state/editor';
import { PlanStore } from '../state/planStore';
import { defaultPeriodId } from '../state/indexes';
import { WorkspaceContext, usePlanTree, useServices, type Workspace as WorkspaceValue } from '../state/context';
import { ExportDialog } from '../publish/ExportDialog';
import { CoveringReportEditor } from '../publish/CoveringReportEditor';
import { onEvent } from '../api';
import type { JumpTarget } from '../App';
import './workspace.css';
import { errorText } from '../errors';

export type WorkspaceTab = 'table' | 'round' | 'overview' | 'indicators' | 'sharing' | 'history' | 'settings';

const TABS: { id: WorkspaceTab; label: string }[] = [
  { id: 'table', label: 'Plan table' },
  { id: 'round', label: 'Update round' },
  { id: 'overview', label: 'Overview' },
  { id: 'indicators', label: 'Indicators' },
  { id: 'sharing', label: 'Sharing' },
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
];

export interface WorkspaceProps {
  planId: string;
  tab: WorkspaceTab;
  jump: JumpTarget | null;
  onTab(tab: WorkspaceTab): void;
  onTitle(title: string): void;
  onGone(message: string): void;
}

export function Workspace({ planId, tab, jump, onTab, onTitle, onGone }: WorkspaceProps) {
  const services = useServices();
  const store = useMemo(() => new PlanStore(planId), [planId]);
  const editor = useMemo(
    () => new Editor(store, services.undo, services.saves),
    [store, services.undo, services.saves],
  );
  const tree = usePlanTree(store);
  const [chosenPeriodId, setPeriodId] = useState<string | null>(null);
  // Until one is chosen, the plan's current period (computed here so the first render already has it).
  const periodId = chosenPeriodId ?? (tree ? defaultPeriodId(tree) : null);
  const [openActionId, setOpenActionId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const [publishing, setPublishing] = useState<'export' | 'covering' | null>(null);
  useEffect(
    () =>
      onEvent('menu:command', ({ command }) => {
        if (command === 'export') setPublishing('export');
        else if (command === 'coveringReport') setPublishing('covering');
      }),
    [],
  );

  const tabRef = useRef(tab);
  tabRef.current = tab;
  const onGoneRef = useRef(onGone);
  onGoneRef.current = onGone;
  useEffect(() => {
    // Opened on the Overview, the first screen brings the Overview's summary with it.
    store.open({ summary: tabRef.current === 'overview' }).then(
      () => undefined,
      (e: unknown) => {
        if (e instanceof ApiError && e.code === 'not_found') onGoneRef.current('That plan is no longer there.');
        else setLoadError(errorText(e));
      },
    );
  }, [store]);

  useEffect(() => {
    if (tree) onTitle(tree.plan.title);
  }, [tree, onTitle]);

  // Periods can change in settings: drop a chosen period that has gone.
  useEffect(() => {
    if (tree && chosenPeriodId && !tree.periods.some((p) => p.id === chosenPeriodId && p.deletedAt === null))
      setPeriodId(null);
  }, [tree, chosenPeriodId]);

  useEffect(() => {
    if (jump) setOpenActionId(jump.actionId);
  }, [jump]);

  const value = useMemo<WorkspaceValue>(
    () => ({ store, editor, periodId, setPeriodId, openAction: setOpenActionId, openActionId }),
    [store, editor, periodId, openActionId],
  );

  if (loadError) {
    return (
      <div className="page">
        <div className="notice notice-danger" role="alert">
          Couldn't open the plan: {loadError}
        </div>
      </div>
    );
  }
  if (!tree) {
    return (
      <div className="page" aria-busy="true">
        <p className="muted">Opening the plan…</p>
      </div>
    );
  }

  // Only the first screen is in: the views that need every rating and update wait for the rest (a moment).
  const partial = store.partial;
  const restLoading = (
    <p className="muted page" aria-busy="true">
      Loading the rest of the plan…
    </p>
  );

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const t = TABS[next]!;
    onTab(t.id);
    tabRefs.current[t.id]?.focus();
  };

  return (
    <WorkspaceContext.Provider value={value}>
      <ConflictsProvider tree={tree}>
        <div className="workspace">
          <div className="workspace-bar">
            <h1 className="workspace-title" title={tree.plan.title}>
              {tree.plan.title}
            </h1>
            <div role="tablist" aria-label="Plan views" className="tabs">
              {TABS.map((t, i) => (
                <button
                  key={t.id}
                  ref={(el) => {
                    tabRefs.current[t.id] = el;
                  }}
                  type="button"
                  role="tab"
                  id={`tab-${t.id}`}
                  aria-selected={tab === t.id}
                  aria-controls={`panel-${t.id}`}
                  tabIndex={tab === t.id ? 0 : -1}
                  className="tab"
                  onClick={() => onTab(t.id)}
                  onKeyDown={(e) => onTabKey(e, i)}
                >
                  {t.label}
                </button>
              ))}
            </div>
            <span className="spacer" />
            {tab === 'table' || tab === 'round' ? (
              <PeriodPicker tree={tree} periodId={periodId} onChange={setPeriodId} />
            ) : null}
            <div className="hstack publish-buttons">
              <button type="button" className="btn btn-small" onClick={() => setPublishing('export')}>
                Export appendix…
              </button>
              <button type="button" className="btn btn-small" onClick={() => setPublishing('covering')}>
                Covering report…
              </button>
            </div>
          </div>
          {/* Opened while only the first screen is in, the dialogs come up as soon as the whole plan is. */}
          {publishing === 'export' && !partial ? (
            <ExportDialog tree={tree} onClose={() => setPublishing(null)} />
          ) : null}
          {publishing === 'covering' && !partial ? (
            <CoveringReportEditor tree={tree} onClose={() => setPublishing(null)} />
          ) : null}
          <div className="workspace-body" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'table' && store.rowsPending === null ? (
              <div className="panel-main">{restLoading}</div>
            ) : tab === 'table' ? (
              <>
                <div className="panel-main">
                  <PlanTable jump={jump} />
                </div>
                {openActionId &&
                (store.rowsPartial || tree.actions.some((a) => a.id === openActionId && a.deletedAt === null)) ? (
                  store.hasDetails(openActionId) ? (
                    <ActionPanel key={openActionId} actionId={openActionId} onClose={() => setOpenActionId(null)} />
                  ) : (
                    <aside className="action-panel" aria-label="Action">
                      {restLoading}
                    </aside>
                  )
                ) : null}
              </>
            ) : partial && tab !== 'overview' ? (
              <div className="panel-main">{restLoading}</div>
            ) : tab === 'round' ? (
              <UpdateRound />
            ) : tab === 'overview' ? (
              <div className="panel-main">
                <Overview
                  onOpenAction={(id) => {
                    setOpenActionId(id);
                    onTab('table');
                  }}
                />
              </div>
            ) : tab === 'indicators' ? (
              <div className="panel-main">
                <IndicatorsView />
              </div>
            ) : tab === 'sharing' ? (
              <div className="panel-main">
                <SharingPanel
                  tree={tree}
                  onOpenAction={(id) => {
                    setOpenActionId(id);
                    onTab('table');
                  }}
                />
              </div>
            ) : tab === 'history' ? (
              <div className="panel-main">
                <PlanHistory tree={tree} />
              </div>
            ) : (
              <div className="panel-main">
                <PlanSettings tree={tree} onChanged={() => void store.load()} />
              </div>
            )}
          </div>
        </div>
      </ConflictsProvider>
    </WorkspaceContext.Provider>
  );
}

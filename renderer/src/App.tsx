/**
 * The app shell: header (plan crumb, global search, undo/redo, save state), the plan library, the plan
 * workspace (plan table, update round, overview, settings) and the search results panel.
 * Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo outside text fields (inside one, the browser's own
 * text undo applies until the field is saved); Ctrl+K focuses the search.
 */
import { IntegrityBanner, RestoreBackupDialog, StoreChecked, useStoreIntegrity } from './components/StoreHealth';
import { StoreLocationWarning } from './components/StoreLocation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, onEvent } from './api';
import { PlanLibrary } from './library/PlanLibrary';
import { Workspace, type WorkspaceTab } from './workspace/Workspace';
import { SearchPanel } from './search/SearchPanel';
import { ImportWizard } from './importer/ImportWizard';
import { SaveStatus } from './components/SaveStatus';
import { YourName } from './components/YourName';
import { useToasts } from './components/Toasts';
import { AppServicesContext, useServices, useUndoState, type AppServices } from './state/context';
import { SaveTracker } from './state/saveStatus';
import { UndoStack } from './state/undo';
import { isTextEntry, primaryModifier } from './keys';
import { errorText } from './errors';

export type View = { kind: 'library' } | { kind: 'plan'; planId: string; tab: WorkspaceTab; jump: JumpTarget | null };

/** Where a search result sends the user: the row, opened. */
export interface JumpTarget {
  actionId: string;
  /** Changes on every jump so the same row can be jumped to twice. */
  nonce: number;
}

export function App() {
  const saves = useMemo(() => new SaveTracker(), []);
  const undo = useMemo(() => new UndoStack(), []);
  const { toasts, toast } = useToasts();
  const [userName, setUserName] = useState('');
  useEffect(() => {
    call('app:info', {}).then(
      (info) => setUserName(info.userName),
      () => undefined,
    );
  }, []);
  const services = useMemo<AppServices>(() => ({ saves, undo, toast, userName }), [saves, undo, toast, userName]);
  return (
    <AppServicesContext.Provider value={services}>
      <Shell onUserName={setUserName} />
      {toasts}
    </AppServicesContext.Provider>
  );
}

/** `#/plan/<id>` opens a plan directly (deep links, tests and the benchmark). */
export function viewFromHash(hash: string): View | null {
  const m = /^#\/plan\/([0-9a-fA-F-]{36})(?:\/(table|round|overview|indicators|settings|history))?$/.exec(hash);
  return m ? { kind: 'plan', planId: m[1]!, tab: (m[2] as WorkspaceTab | undefined) ?? 'table', jump: null } : null;
}

function Shell({ onUserName }: { onUserName(userName: string): void }) {
  const [view, setView] = useState<View>(() => viewFromHash(window.location.hash) ?? { kind: 'library' });
  useEffect(() => {
    const onHash = () => {
      const v = viewFromHash(window.location.hash);
      if (v) setView(v);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Keep the address in step with the view (a reload reopens the same plan and tab).
  useEffect(() => {
    const hash = view.kind === 'plan' ? `#/plan/${view.planId}/${view.tab}` : '';
    if (window.location.hash !== hash)
      window.history.replaceState(null, '', hash || `${window.location.pathname}${window.location.search}`);
  }, [view]);
  const [planTitle, setPlanTitle] = useState<string>('');
  const [searchQuery, setSearchQuery] = useState('');
  const [searchOpen, setSearchOpen] = useState<{ query: string; nonce: number } | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [integrity, setIntegrity] = useStoreIntegrity();
  const { undo, toast, saves, userName } = useServices();
  const undoState = useUndoState();
  const jumpNonce = useRef(0);

  const runUndo = useCallback(
    async (redo: boolean) => {
      // Save what is being typed first, so the undo applies to saved state.
      (document.activeElement as HTMLElement | null)?.blur?.();
      await new Promise((r) => setTimeout(r, 0));
      try {
        const label = redo ? await undo.redo() : await undo.undo();
        if (label) toast(`${redo ? 'Redone' : 'Undone'}: ${label}`);
        else toast(redo ? 'Nothing to redo' : 'Nothing to undo');
      } catch (error) {
        toast(`Couldn't ${redo ? 'redo' : 'undo'}: ${errorText(error)}`, { kind: 'error' });
      }
    },
    [undo, toast],
  );

  const openPlan = useCallback(
    (planId: string) => {
      if (view.kind === 'plan' && view.planId === planId) return;
      undo.clear();
      setView({ kind: 'plan', planId, tab: 'table', jump: null });
    },
    [undo, view],
  );

  const jumpTo = useCallback(
    (planId: string, actionId: string) => {
      setView((v) => {
        if (!(v.kind === 'plan' && v.planId === planId)) undo.clear();
        return { kind: 'plan', planId, tab: 'table', jump: { actionId, nonce: ++jumpNonce.current } };
      });
      setSearchOpen(null);
    },
    [undo],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (primaryModifier(e) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        searchInput.current?.focus();
        searchInput.current?.select();
        return;
      }
      if (!primaryModifier(e) || e.altKey || isTextEntry(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void runUndo(false);
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void runUndo(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runUndo]);

  useEffect(
    () =>
      onEvent('menu:command', ({ command }) => {
        // The menu's Ctrl+Z inside a text box is the text box's own undo (typing), never the last saved edit.
        if ((command === 'undo' || command === 'redo') && isTextEntry(document.activeElement))
          document.execCommand(command);
        else if (command === 'undo') void runUndo(false);
        else if (command === 'redo') void runUndo(true);
        else if (command === 'search') searchInput.current?.focus();
        else if (command === 'import') setImporting(true);
        else if (command === 'restoreBackup') setRestoring(true);
        else if (command === 'newPlan') setView({ kind: 'library' });
        else if (command === 'settings' && view.kind === 'plan') setView({ ...view, tab: 'settings' });
      }),
    [runUndo, view],
  );

  const goLibrary = () => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    setView({ kind: 'library' });
    undo.clear();
  };

  return (
    <div className={integrity?.state === 'damaged' ? 'app app-with-banner' : 'app'}>
      <header className="app-header">
        <span className="brand">Planwright</span>
        <nav aria-label="Where you are" className="hstack" style={{ minWidth: 0, flexWrap: 'nowrap' }}>
          <button
            type="button"
            className="btn btn-small"
            onClick={goLibrary}
            aria-current={view.kind === 'library' ? 'page' : undefined}
          >
            All plans
          </button>
          {view.kind === 'plan' && planTitle ? (
            <span className="crumb" title={planTitle}>
              › {planTitle}
            </span>
          ) : null}
        </nav>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setImporting(true)}
          title="Import a plan from Word or Excel"
        >
          Import…
        </button>
        <form
          role="search"
          aria-label="Search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = searchQuery.trim();
            if (q) setSearchOpen({ query: q, nonce: Date.now() });
          }}
        >
          <label htmlFor="global-search" className="visually-hidden">
            {view.kind === 'plan' ? 'Search this plan (Ctrl+K)' : 'Search all plans (Ctrl+K)'}
          </label>
          <input
            id="global-search"
            ref={searchInput}
            type="search"
            placeholder={view.kind === 'plan' ? 'Search this plan…  Ctrl+K' : 'Search all plans…  Ctrl+K'}
            value={searchQuery}
            onChange={(e) => setSearchQuery(e.target.value)}
          />
        </form>
        <div className="hstack" style={{ gap: 4, flexWrap: 'nowrap' }}>
          <button
            type="button"
            className="btn btn-small"
            disabled={!undoState.canUndo}
            onClick={() => void runUndo(false)}
            title={undoState.undoLabel ? `Undo: ${undoState.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
            aria-keyshortcuts="Control+Z"
          >
            ↶ Undo
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={!undoState.canRedo}
            onClick={() => void runUndo(true)}
            title={undoState.redoLabel ? `Redo: ${undoState.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
            aria-keyshortcuts="Control+Shift+Z"
          >
            ↷ Redo
          </button>
        </div>
        <YourName userName={userName} onChange={onUserName} />
        <SaveStatus />
        <StoreChecked status={integrity} />
      </header>
      {integrity?.state === 'damaged' ? (
        <IntegrityBanner status={integrity} onStatus={setIntegrity} onRestore={() => setRestoring(true)} />
      ) : null}
      <StoreLocationWarning />
      <main className="app-main" id="main">
        {view.kind === 'library' ? (
          <div className="panel-scroll">
            <PlanLibrary onOpenPlan={openPlan} />
          </div>
        ) : (
          <Workspace
            key={view.planId}
            planId={view.planId}
            tab={view.tab}
            jump={view.jump}
            onTab={(tab) => {
              saves.dismiss();
              setView({ ...view, tab, jump: null });
            }}
            onTitle={setPlanTitle}
            onGone={(message) => {
              toast(message, { kind: 'error' });
              setView({ kind: 'library' });
            }}
          />
        )}
        {searchOpen ? (
          <SearchPanel
            key={searchOpen.nonce}
            query={searchOpen.query}
            planId={view.kind === 'plan' ? view.planId : undefined}
            onChoose={(hit) => jumpTo(hit.planId, hit.actionId)}
            onClose={() => {
              setSearchOpen(null);
              searchInput.current?.focus();
            }}
          />
        ) : null}
      </main>
      {importing ? (
        <ImportWizard
          onCancel={() => setImporting(false)}
          onDone={(planId) => {
            setImporting(false);
            undo.clear();
            setView({ kind: 'plan', planId, tab: 'table', jump: null });
          }}
        />
      ) : null}
      {restoring ? (
        <RestoreBackupDialog onClose={() => setRestoring(false)} reload={() => window.location.reload()} />
      ) : null}
      <SaveGuard saves={saves} />
    </div>
  );
}

/** Warns before the window closes while a save is running or has failed. */
function SaveGuard({ saves }: { saves: SaveTracker }) {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const s = saves.getState();
      if (s.kind === 'saving' || s.kind === 'error' || s.kind === 'unsaved') e.preventDefault();
    };
    // Leaving the field whose save failed: its message stays beside it, the header's red banner goes.
    const onFocusIn = () => saves.dismiss();
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('focusin', onFocusIn);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('focusin', onFocusIn);
    };
  }, [saves]);
  return null;
}

/**
 * React wiring for the state modules: the app-wide services (save tracker, undo stack, toasts) and the
 * open plan's store and editor, with hooks that subscribe through `useSyncExternalStore`.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PlanTree } from '../../../shared/model';
import type { Editor } from './editor';
import type { PlanStore } from './planStore';
import type { SaveState, SaveTracker } from './saveStatus';
import type { UndoStack, UndoState } from './undo';

export interface ToastOptions {
  kind?: 'info' | 'error';
  /** A button in the toast, e.g. "Undo". */
  action?: { label: string; run(): void };
}

export interface AppServices {
  saves: SaveTracker;
  undo: UndoStack;
  toast(message: string, options?: ToastOptions): void;
  /** The user name written to the audit log (from app:info). */
  userName: string;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(AppServicesContext);
  if (!s) throw new Error('useServices outside AppServicesContext');
  return s;
}

export function useSaveState(): SaveState {
  const { saves } = useServices();
  return useSyncExternalStore(saves.subscribe, saves.getState);
}

export function useUndoState(): UndoState {
  const { undo } = useServices();
  return useSyncExternalStore(undo.subscribe, undo.getState);
}

export interface Workspace {
  store: PlanStore;
  editor: Editor;
  /** The period being edited and shown (current by default). */
  periodId: string | null;
  setPeriodId(id: string | null): void;
  /** Opens the action form (and scrolls the table to the row). */
  openAction(actionId: string | null): void;
  openActionId: string | null;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error('useWorkspace outside WorkspaceContext');
  return w;
}

/** The open plan's tree (null while loading). */
export function usePlanTree(store: PlanStore): PlanTree | null {
  return useSyncExternalStore(store.subscribe, store.getTree);
}

/** Like usePlanTree but for use inside a loaded workspace. */
export function useTree(): PlanTree {
  const { store } = useWorkspace();
  const tree = usePlanTree(store);
  if (!tree) throw new Error('useTree before the plan loaded');
  return tree;
}

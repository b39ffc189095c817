/**
 * The Editor the settings tabs write through, so every setting is undoable (Ctrl+Z, the Undo button) like
 * any plan edit: the open plan's Editor inside a workspace, whose store reloads the plan once after each
 * write. Settings shown on their own (component tests) get an Editor over a store that holds the given
 * tree: its reload is the tab's `onChanged` (the caller reloads the tree), called once per write.
 */
import { useContext, useEffect, useMemo, useRef } from 'react';
import type { PlanTree } from '../../../shared/model';
import { AppServicesContext, WorkspaceContext } from '../state/context';
import { Editor } from '../state/editor';
import { PlanStore } from '../state/planStore';
import { UndoStack } from '../state/undo';
import { useTracker } from '../state/autosave';

class DetachedStore extends PlanStore {
  constructor(
    planId: string,
    private readonly reload: () => void,
  ) {
    super(planId);
  }
  override load(): Promise<PlanTree> {
    const tree = this.getTree();
    if (!tree) return Promise.reject(new Error('The plan is not loaded yet.'));
    this.reload();
    return Promise.resolve(tree);
  }
}

export function useSettingsEditor(tree: PlanTree, onChanged: () => void): Editor {
  const workspace = useContext(WorkspaceContext);
  const app = useContext(AppServicesContext);
  const saves = useTracker();
  const changed = useRef(onChanged);
  changed.current = onChanged;
  const planId = tree.plan.id;
  const detached = useMemo(
    () =>
      workspace
        ? null
        : new Editor(new DetachedStore(planId, () => changed.current()), app?.undo ?? new UndoStack(), saves),
    [workspace, app, planId, saves],
  );
  useEffect(() => {
    if (detached && detached.store.getTree() !== tree) detached.store.setTree(tree);
  }, [detached, tree]);
  if (detached && detached.store.getTree() === null) detached.store.setTree(tree);
  return workspace?.editor ?? detached!;
}

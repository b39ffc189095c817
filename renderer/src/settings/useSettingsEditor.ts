/**
 * The Editor the settings tabs write through, so every setting is undoable (Ctrl+Z, the Undo button) like
 * any plan edit: the open plan's Editor inside a workspace. Settings shown on their own (component tests)
 * get an Editor over a store that holds the given tree and never reloads: the tab's `onChanged` does that.
 */
import { useContext, useEffect, useMemo } from 'react';
import type { PlanTree } from '../../../shared/model';
import { AppServicesContext, WorkspaceContext } from '../state/context';
import { Editor } from '../state/editor';
import { PlanStore } from '../state/planStore';
import { SaveTracker } from '../state/saveStatus';
import { UndoStack } from '../state/undo';

class DetachedStore extends PlanStore {
  override load(): Promise<PlanTree> {
    const tree = this.getTree();
    return tree ? Promise.resolve(tree) : Promise.reject(new Error('The plan is not loaded yet.'));
  }
}

export function useSettingsEditor(tree: PlanTree): Editor {
  const workspace = useContext(WorkspaceContext);
  const app = useContext(AppServicesContext);
  const planId = tree.plan.id;
  const detached = useMemo(
    () =>
      workspace
        ? null
        : new Editor(new DetachedStore(planId), app?.undo ?? new UndoStack(), app?.saves ?? new SaveTracker()),
    [workspace, app, planId],
  );
  useEffect(() => {
    if (detached && detached.store.getTree() !== tree) detached.store.setTree(tree);
  }, [detached, tree]);
  if (detached && detached.store.getTree() === null) detached.store.setTree(tree);
  return workspace?.editor ?? detached!;
}

/**
 * What the plan table's rows, buttons and keys do: add, move, delete (with an Undo toast) and renumber.
 * Every write goes through the Editor, so undo and redo cover it (renumbering is the one exception, and
 * its confirmation says so). Failures become a plain-English toast (renderer/src/errors.ts).
 */
import { useCallback, useMemo } from 'react';
import type { Action, Objective, Section } from '../../../shared/model';
import type { TemplateInfo } from '../../../shared/templates';
import { useServices, useWorkspace } from '../state/context';
import type { TreeIndex } from '../state/indexes';
import { errorText } from '../errors';
import type { Confirmation } from './useTableDialogs';

/** Reports a failed write as a plain-English error toast. */
export function useReport(): (error: unknown) => void {
  const { toast } = useServices();
  return useCallback((error: unknown) => toast(errorText(error), { kind: 'error' }), [toast]);
}

export interface TableCommands {
  report(error: unknown): void;
  addAction(section: Section, objective?: Objective | null): Promise<void>;
  moveActionBy(action: Action, delta: number): Promise<void>;
  deleteAction(action: Action): Promise<void>;
  askDeleteObjective(objective: Objective, total: number): void;
  askDeleteSection(section: Section, count: number): void;
  askRenumber(): void;
}

export function useTableCommands(
  index: TreeIndex,
  nouns: Pick<TemplateInfo, 'sectionNoun' | 'objectiveNoun'>,
  ask: (confirmation: Confirmation) => void,
  report: (error: unknown) => void,
): TableCommands {
  const { editor, openAction, openActionId } = useWorkspace();
  const { toast, undo } = useServices();
  const undoButton = useMemo(() => ({ label: 'Undo', run: () => void undo.undo().catch(report) }), [undo, report]);

  const moveActionBy = useCallback(
    async (action: Action, delta: number) => {
      const list = index.actionsBySection.get(action.sectionId) ?? [];
      const at = list.findIndex((a) => a.id === action.id);
      const to = at + delta;
      const neighbour = list[to];
      if (neighbour && neighbour.objectiveId !== action.objectiveId) {
        // Across an objective's header: first into the neighbouring group, staying in place.
        await editor.moveAction(action.id, action.sectionId, at, neighbour.objectiveId);
      } else if (neighbour) {
        await editor.moveAction(action.id, action.sectionId, to);
      } else {
        // Past the end of the section: into the neighbouring section.
        const sIdx = index.sections.findIndex((s) => s.id === action.sectionId);
        const neighbour = index.sections[sIdx + (delta < 0 ? -1 : 1)];
        if (!neighbour) return;
        const target = index.actionsBySection.get(neighbour.id) ?? [];
        await editor.moveAction(action.id, neighbour.id, delta < 0 ? target.length : 0);
      }
    },
    [editor, index],
  );

  const deleteAction = useCallback(
    async (action: Action) => {
      try {
        await editor.deleteAction(action.id);
        if (openActionId === action.id) openAction(null);
        toast(`Deleted action ${action.reference || ''}`.trim(), { action: undoButton });
      } catch (e) {
        report(e);
      }
    },
    [editor, openAction, openActionId, toast, undoButton, report],
  );

  const addAction = async (section: Section, objective?: Objective | null) => {
    try {
      const last = (index.actionsBySection.get(section.id) ?? []).at(-1);
      const id = await editor.createAction(section.id, {
        objectiveId: objective !== undefined ? (objective?.id ?? null) : (last?.objectiveId ?? null),
      });
      openAction(id);
    } catch (e) {
      report(e);
    }
  };

  const askDeleteObjective = (objective: Objective, total: number) => {
    const noun = nouns.objectiveNoun.toLowerCase();
    const refs = (index.actionsBySection.get(objective.sectionId) ?? [])
      .filter((a) => a.objectiveId === objective.id)
      .map((a) => a.reference)
      .filter(Boolean);
    ask({
      title: total === 0 ? `Delete ${noun}?` : `Delete ${noun} and its ${total === 1 ? 'action' : `${total} actions`}?`,
      body:
        total === 0
          ? `“${objective.title || 'Untitled'}” will be deleted. It has no actions. You can undo this (Ctrl+Z).`
          : `“${objective.title || 'Untitled'}” will be deleted together with ${total === 1 ? 'the action' : `the ${total} actions`} under it (${refs.join(', ')}), including their progress and ratings. You can undo this (Ctrl+Z).`,
      run: async () => {
        await editor.deleteObjective(objective.id);
        toast(
          total === 0 ? `Deleted ${noun}` : `Deleted ${noun} and ${total === 1 ? '1 action' : `${total} actions`}`,
          { action: undoButton },
        );
      },
    });
  };

  const askDeleteSection = (section: Section, count: number) =>
    ask({
      title: `Delete ${nouns.sectionNoun.toLowerCase()} ${section.number}?`,
      body: `“${section.title || 'Untitled'}” and its ${count} action${count === 1 ? '' : 's'} will be deleted. You can undo this (Ctrl+Z).`,
      run: async () => {
        await editor.deleteSection(section.id);
        toast(`Deleted ${nouns.sectionNoun.toLowerCase()} ${section.number}`, { action: undoButton });
      },
    });

  const askRenumber = () =>
    ask({
      title: 'Renumber the whole plan?',
      body: `Every ${nouns.sectionNoun.toLowerCase()} will be numbered 1, 2, 3… in the order shown, and every action 1.1, 1.2… within its ${nouns.sectionNoun.toLowerCase()}. Numbers and references typed by hand (marked ✎), such as “7 (14)”, will be replaced. This cannot be undone: Undo will not bring the old numbers back.`,
      confirmLabel: 'Renumber',
      danger: false,
      run: async () => {
        await editor.renumberPlan();
        toast('Plan renumbered');
      },
    });

  return { report, addAction, moveActionBy, deleteAction, askDeleteObjective, askDeleteSection, askRenumber };
}

/**
 * The plan table's rows, flattened from the tree in order: each section header, then its actions in
 * action order with an objective header wherever a new objective's group starts, then any objectives that
 * have no action to show yet. Archived sections, objectives and actions only when asked. Pure (no React).
 */
import type { Action, Objective, Section } from '../../../shared/model';
import { isArchivedAction, type TreeIndex } from '../state/indexes';

export type Row =
  | { kind: 'section'; key: string; section: Section; count: number }
  | {
      kind: 'objective';
      key: string;
      objective: Objective;
      section: Section;
      /** Actions under the objective that the table shows (archived ones only with "Show archived"). */
      count: number;
      /** Every live action under it, archived included (deleting the objective deletes these). */
      total: number;
      /** True for a second header of the same objective (its actions are not all together). */
      continued: boolean;
    }
  | {
      kind: 'action';
      key: string;
      action: Action;
      section: Section;
      objective: Objective | null;
      /** Not the first row of its objective's group: the cell shows the text quietly, on one line. */
      repeatObjective: boolean;
    }
  | { kind: 'empty'; key: string; section: Section; objective: Objective | null };

/**
 * Flattens the tree into table rows, in order. With `keep` (the filter bar), only the actions it keeps are
 * shown, with their section and objective headers; sections and objectives with none are left out.
 */
export function buildRows(index: TreeIndex, showArchived: boolean, keep?: (action: Action) => boolean): Row[] {
  const rows: Row[] = [];
  for (const section of index.sections) {
    if (section.archived && !showArchived) continue;
    const all = index.actionsBySection.get(section.id) ?? [];
    const actions = (showArchived ? all : all.filter((a) => !isArchivedAction(index, a))).filter(
      (a) => !keep || keep(a),
    );
    if (keep && actions.length === 0) continue;
    const objectives = (index.objectivesBySection.get(section.id) ?? []).filter(
      (o) => (showArchived || !o.archived) && (!keep || actions.some((a) => a.objectiveId === o.id)),
    );
    const shownBy = new Map<string, number>();
    const totalBy = new Map<string, number>();
    for (const a of actions) if (a.objectiveId) shownBy.set(a.objectiveId, (shownBy.get(a.objectiveId) ?? 0) + 1);
    for (const a of all) if (a.objectiveId) totalBy.set(a.objectiveId, (totalBy.get(a.objectiveId) ?? 0) + 1);
    const objectiveRow = (objective: Objective, continued: boolean): Row => ({
      kind: 'objective',
      key: continued ? `o:${objective.id}:${rows.length}` : `o:${objective.id}`,
      objective,
      section,
      count: shownBy.get(objective.id) ?? 0,
      total: totalBy.get(objective.id) ?? 0,
      continued,
    });

    rows.push({ kind: 'section', key: `s:${section.id}`, section, count: actions.length });
    if (actions.length === 0 && objectives.length === 0)
      rows.push({ kind: 'empty', key: `e:${section.id}`, section, objective: null });
    const headed = new Set<string>();
    let lastObjective: string | null = null;
    for (const action of actions) {
      const objective = action.objectiveId ? (index.objectiveById.get(action.objectiveId) ?? null) : null;
      if (objective && objective.id !== lastObjective) {
        rows.push(objectiveRow(objective, headed.has(objective.id)));
        headed.add(objective.id);
      }
      rows.push({
        kind: 'action',
        key: `a:${action.id}`,
        action,
        section,
        objective,
        repeatObjective: objective !== null && objective.id === lastObjective,
      });
      lastObjective = objective?.id ?? null;
    }
    // Objectives with nothing to show yet still get their header, so they can be filled or removed.
    for (const objective of objectives) {
      if (headed.has(objective.id)) continue;
      rows.push(objectiveRow(objective, false));
      rows.push({ kind: 'empty', key: `e:o:${objective.id}`, section, objective });
    }
  }
  return rows;
}

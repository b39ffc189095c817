/**
 * Pure helpers for structure edits (no React, no store): moving an item in an ordered list, and the action
 * order of a section after its objectives are reordered. Unit-tested in test/renderer/structure.test.tsx.
 */

/** `ids` with `id` moved by `delta` places; null when it is not there or would leave the list. */
export function moveBy(ids: readonly string[], id: string, delta: number): string[] | null {
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || delta === 0 || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

/**
 * The order of a section's actions once its objectives are in `objectiveOrder`: actions under no objective
 * first (as they were), then each objective's actions in objective order, each keeping its own order.
 * References follow action order, so after an objective moves its actions are numbered where it now is.
 */
export function regroupActions(
  actions: readonly { id: string; objectiveId: string | null }[],
  objectiveOrder: readonly string[],
): string[] {
  const rank = new Map(objectiveOrder.map((id, i) => [id, i]));
  const keyed = actions.map((a, i) => ({
    id: a.id,
    group: a.objectiveId === null ? -1 : (rank.get(a.objectiveId) ?? objectiveOrder.length),
    i,
  }));
  keyed.sort((a, b) => a.group - b.group || a.i - b.i);
  return keyed.map((k) => k.id);
}

/** True when two id lists are the same order. */
export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

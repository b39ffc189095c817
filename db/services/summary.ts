/** The plan summary read model: loads the tree and hands it to shared/summary.ts. */
import type { PlanSummary } from '../../shared/summary-schema';
import { computeSummary } from '../../shared/summary';
import { getPlanTree } from '../tree';
import type { Store } from '../store';

export function getSummary(
  store: Store,
  input: { planId: string; periodId?: string; compareId?: string | null; today?: string },
): PlanSummary {
  const tree = getPlanTree(store, input.planId);
  const today = input.today ?? store.now().toISOString().slice(0, 10);
  return computeSummary(tree, {
    ...(input.periodId !== undefined ? { periodId: input.periodId } : {}),
    ...(input.compareId !== undefined ? { compareId: input.compareId } : {}),
    today,
  });
}

/** The plan summary read model: loads the tree and hands it to shared/summary.ts. */
import type { PlanSummary } from '../../shared/summary-schema';
import { computeSummary } from '../../shared/summary';
import { getPlanTree } from '../tree';
import type { Store } from '../store';
import type { PlanTree } from '../../shared/model';

type SummaryInput = { planId: string; periodId?: string; compareId?: string | null; today?: string };

export function getSummary(store: Store, input: SummaryInput): PlanSummary {
  // The summary reads levels and ratings, never progress: the tree is read without it.
  return summaryOf(store, getPlanTree(store, input.planId, { progressFor: 0 }), input);
}

/** The summary of a tree already read (with every rating). */
export function summaryOf(store: Store, tree: PlanTree, input: Omit<SummaryInput, 'planId'> = {}): PlanSummary {
  const today = input.today ?? store.now().toISOString().slice(0, 10);
  return computeSummary(tree, {
    ...(input.periodId !== undefined ? { periodId: input.periodId } : {}),
    ...(input.compareId !== undefined ? { compareId: input.compareId } : {}),
    today,
  });
}

/** The built-in sample plan: created on request, and once automatically on the very first run. */
import type { Plan } from '../../shared/model';
import { samplePlanForToday } from '../../shared/samples/dated-sample';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import type { Store } from '../store';
import { createPlanFromDraft } from './drafts';
import { getMeta, setMeta } from './settings';

/** The store's today (YYYY-MM-DD, UTC), the same day the summary uses for overdue. */
const storeToday = (store: Store): string => store.now().toISOString().slice(0, 10);

/**
 * Creates the sample plan dated to `today` (default: the store's today) so its current period is the latest
 * one ending on or before it; `null` keeps the dates it was written with (current period January 2026).
 */
export function createSamplePlan(store: Store, actor: string, today?: string | null): Plan {
  const draft = today === null ? samplePlanDraft : samplePlanForToday(today ?? storeToday(store));
  return createPlanFromDraft(store, draft, actor);
}

/** Creates the sample plan (dated to today) only on the first run of this store (meta `sample_created`); else null. */
export function ensureSamplePlan(store: Store, actor: string = store.actor()): Plan | null {
  if (getMeta(store, 'sample_created') !== null) return null;
  return store.sqlite
    .transaction(() => {
      const plan = createSamplePlan(store, actor);
      setMeta(store, 'sample_created', plan.id);
      return plan;
    })
    .immediate();
}

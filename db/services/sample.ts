/** The built-in sample plan: created on request, and once automatically on the very first run. */
import type { Plan } from '../../shared/model';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import type { Store } from '../store';
import { createPlanFromDraft } from './drafts';
import { getMeta, setMeta } from './settings';

export function createSamplePlan(store: Store, actor: string): Plan {
  return createPlanFromDraft(store, samplePlanDraft, actor);
}

/** Creates the sample plan only on the first run of this store (meta `sample_created`); else null. */
export function ensureSamplePlan(store: Store, actor: string = store.actor()): Plan | null {
  if (getMeta(store, 'sample_created') !== null) return null;
  return store.sqlite.transaction(() => {
    const plan = createSamplePlan(store, actor);
    setMeta(store, 'sample_created', plan.id);
    return plan;
  }).immediate();
}

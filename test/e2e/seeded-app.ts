/** Shared start-up for the end-to-end tests that work on one plan stored from `SEED_DRAFT`. */
import { startApp, type App } from './harness';
import { SEED_DRAFT, openPlan } from './editor-helpers';

/** A started app and the id of the seed plan stored in it. */
export interface SeededApp {
  app: App;
  planId: string;
}

/** Which plan view to open; `null` leaves the app on its first page. */
export type SeededView = Parameters<typeof openPlan>[2] | null;

/**
 * Starts the app with `SEED_DRAFT` stored before the renderer loads and, unless `view` is `null`,
 * opens that plan on `view` (closing the app again if that fails). The caller closes the app
 * (`app.close()`) in its `afterAll`.
 */
export async function startSeededApp(view: SeededView = 'table'): Promise<SeededApp> {
  let planId = '';
  const app = await startApp({
    beforeLoad: async ({ call }) => {
      planId = (await call('plans:createFromDraft', SEED_DRAFT)).id;
    },
  });
  if (view !== null) {
    try {
      await openPlan(app, planId, view);
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  return { app, planId };
}

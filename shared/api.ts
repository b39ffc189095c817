/** The one typed API the preload exposes to the renderer as `window.planwright`. */
import type { Channel, InputOf, OutputOf } from './contract';
import type { EventName, EventPayload } from './events';
import type { Result } from './result';

export interface PlanwrightApi {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  /** Subscribe to a main-process event; returns an unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

declare global {
  interface Window {
    planwright: PlanwrightApi;
  }
}

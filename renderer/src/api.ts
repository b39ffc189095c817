/**
 * The renderer's only way to the main process: the typed contract through `window.planwright`.
 * `call` unwraps the `Result` envelope and throws an `ApiError` carrying the code and a message fit to
 * show to the user; `tryCall` returns the envelope for callers that handle failure inline.
 */
import type { Channel, InputOf, OutputOf } from '../../shared/contract';
import type { AppError, Result } from '../../shared/result';
import type { EventName, EventPayload } from '../../shared/events';
import '../../shared/api';

export class ApiError extends Error {
  readonly code: AppError['code'];
  readonly issues: AppError['issues'];
  constructor(
    readonly channel: Channel,
    error: AppError,
  ) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.issues = error.issues;
  }
}

export function tryCall<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  return window.planwright.invoke(channel, input);
}

export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await window.planwright.invoke(channel, input);
  if (!result.ok) throw new ApiError(channel, result.error);
  return result.value;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.planwright.on(event, listener);
}

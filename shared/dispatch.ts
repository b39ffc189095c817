/**
 * The dispatcher: one function that takes a channel name and an untrusted payload, validates both
 * against the contract, runs the handler and always answers a `Result` envelope. Used by the Electron
 * main process (ipcMain.handle), the command line and the end-to-end test harness alike, so every path
 * goes through the same validation.
 */
import type { z } from 'zod';
import { contract, isChannel, type Channel, type InputOf, type OutputOf, type ParsedInputOf } from './contract';
import type { EventName, EventPayload } from './events';
import { DomainError, fail, ok, type AppError, type Result } from './result';
import { plainIssue } from './plain-issues';

export interface HandlerContext {
  /** Who is acting (for the audit log). */
  actor: string;
  /** Push an event to the renderer that made the call. */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

export type Handler<C extends Channel> = (
  input: ParsedInputOf<C>,
  ctx: HandlerContext,
) => OutputOf<C> | Promise<OutputOf<C>>;
export type HandlersFor<Cs extends Channel> = { [C in Cs]: Handler<C> };
export type Handlers = HandlersFor<Channel>;

export function zodIssues(error: z.ZodError): NonNullable<AppError['issues']> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: plainIssue(i) }));
}

function describeInvalid(channel: string, issues: NonNullable<AppError['issues']>): string {
  const first = issues[0];
  if (!first) return `The request to ${channel} was not valid.`;
  // Plain words about the field (plainIssue); the path stays in `issues` for forms to place it.
  return first.message;
}

export interface DispatchOptions {
  /** Check outputs against the contract too (tests and development). */
  validateOutput?: boolean;
  /** Called with unexpected errors (log them); the caller only sees a generic message. */
  onInternalError?: (channel: string, error: unknown) => void;
}

/** The untrusted entry point: any channel name, any payload (IPC, the end-to-end bridge, refusal tests). */
export type Dispatch = (channel: unknown, payload: unknown, ctx: HandlerContext) => Promise<Result<unknown>>;

/** A typed call answering the envelope: what every caller (renderer, command line, tests) uses. */
export type Invoke = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<Result<OutputOf<C>>>;
/** A typed call that unwraps the envelope (a failure is thrown by the caller's own rule). */
export type Call = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>;

/**
 * The typed `Invoke` over a dispatcher. The dispatcher answers channel C with C's output (it runs C's
 * handler, typed `Handler<C>`, and checks outputs against the contract when asked), so this is the one
 * place that narrows `Result<unknown>`; call sites need no casts.
 */
export function typedInvoke(dispatch: Dispatch, ctx: HandlerContext | (() => HandlerContext)): Invoke {
  const context = typeof ctx === 'function' ? ctx : () => ctx;
  return <C extends Channel>(channel: C, input: InputOf<C>) =>
    dispatch(channel, input, context()) as Promise<Result<OutputOf<C>>>;
}

/** A `Call` over an `Invoke`: the value, or the error `toError` builds from the failure. */
export function unwrapping(invoke: Invoke, toError: (channel: Channel, error: AppError) => Error): Call {
  return async <C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const result = await invoke(channel, input);
    if (!result.ok) throw toError(channel, result.error);
    return result.value;
  };
}

/**
 * The dispatcher over `handlers` (every channel for the app; a subset, such as the store's core channels,
 * in tests and the bench: a channel without a handler answers `unknown_channel`).
 */
export function createDispatcher<Cs extends Channel>(
  handlers: HandlersFor<Cs>,
  options: DispatchOptions = {},
): Dispatch {
  const table: Partial<Record<Channel, (input: unknown, ctx: HandlerContext) => unknown>> = handlers;
  return async (channel, payload, ctx) => {
    const handler = isChannel(channel) ? table[channel] : undefined;
    if (!isChannel(channel) || !handler)
      return fail('unknown_channel', `There is no operation called ${String(channel)}.`);
    const def = contract[channel];
    const parsed = def.input.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      return fail('invalid_input', describeInvalid(channel, issues), issues);
    }
    try {
      const value = await handler(parsed.data, ctx);
      if (options.validateOutput) {
        const out = def.output.safeParse(value);
        if (!out.success) {
          options.onInternalError?.(channel, out.error);
          return fail(
            'internal',
            `${channel} produced an answer that does not match the contract: ${describeInvalid(channel, zodIssues(out.error))}`,
          );
        }
      }
      return ok(value);
    } catch (error) {
      if (error instanceof DomainError)
        return {
          ok: false,
          error: error.issues
            ? { code: error.code, message: error.message, issues: error.issues }
            : { code: error.code, message: error.message },
        };
      options.onInternalError?.(channel, error);
      const detail = error instanceof Error ? error.message : String(error);
      return fail('internal', `Something went wrong in ${channel}: ${detail}. Nothing was changed.`);
    }
  };
}

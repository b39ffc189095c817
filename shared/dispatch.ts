/**
 * The dispatcher: one function that takes a channel name and an untrusted payload, validates both
 * against the contract, runs the handler and always answers a `Result` envelope. Used by the Electron
 * main process (ipcMain.handle), the command line and the end-to-end test harness alike, so every path
 * goes through the same validation.
 */
import type { z } from 'zod';
import { contract, isChannel, type Channel, type OutputOf, type ParsedInputOf } from './contract';
import type { EventName, EventPayload } from './events';
import { DomainError, fail, ok, type AppError, type Result } from './result';
import { plainIssue } from './plain-issues';

export interface HandlerContext {
  /** Who is acting (for the audit log). */
  actor: string;
  /** Push an event to the renderer that made the call. */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

export type Handler<C extends Channel> = (input: ParsedInputOf<C>, ctx: HandlerContext) => OutputOf<C> | Promise<OutputOf<C>>;
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

export type Dispatch = (channel: unknown, payload: unknown, ctx: HandlerContext) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (channel, payload, ctx) => {
    if (!isChannel(channel)) return fail('unknown_channel', `There is no operation called ${String(channel)}.`);
    const def = contract[channel];
    const parsed = def.input.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      return fail('invalid_input', describeInvalid(channel, issues), issues);
    }
    try {
      const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => unknown;
      const value = await handler(parsed.data, ctx);
      if (options.validateOutput) {
        const out = def.output.safeParse(value);
        if (!out.success) {
          options.onInternalError?.(channel, out.error);
          return fail('internal', `${channel} produced an answer that does not match the contract: ${describeInvalid(channel, zodIssues(out.error))}`);
        }
      }
      return ok(value);
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: error.issues ? { code: error.code, message: error.message, issues: error.issues } : { code: error.code, message: error.message } };
      options.onInternalError?.(channel, error);
      const detail = error instanceof Error ? error.message : String(error);
      return fail('internal', `Something went wrong in ${channel}: ${detail}. Nothing was changed.`);
    }
  };
}

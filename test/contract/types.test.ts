/**
 * Typed calls (issue 9 point 3): the channel inputs are checked by the compiler at every call site, and the
 * dispatcher's one typed entry point answers the channel's own output type. The `@ts-expect-error` lines
 * are checked by `npm run typecheck`: if a misspelt key ever compiled, typecheck would fail.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { InputOf, OutputOf } from '../../shared/contract';
import { createDispatcher, typedInvoke, type Invoke } from '../../shared/dispatch';
import type { Result } from '../../shared/result';

const ctx = { actor: 'Test', emit: () => undefined };

describe('typed channel inputs', () => {
  it('types the archive inputs on their key', () => {
    expectTypeOf<InputOf<'actions:archive'>>().toEqualTypeOf<{ actionId: string; archived: boolean }>();
    expectTypeOf<InputOf<'sections:archive'>>().toEqualTypeOf<{ sectionId: string; archived: boolean }>();
    expectTypeOf<InputOf<'objectives:archive'>>().toEqualTypeOf<{ objectiveId: string; archived: boolean }>();
    expectTypeOf<InputOf<'plans:archive'>>().toEqualTypeOf<{ planId: string; archived: boolean }>();
    // @ts-expect-error -- a misspelt key does not compile
    const wrong: InputOf<'actions:archive'> = { actoinId: 'x', archived: true };
    expect(wrong).toBeDefined();
  });

  it('checks inputs and types outputs at call sites, with no casts', () => {
    const sites = (invoke: Invoke) => {
      // @ts-expect-error -- a misspelt key does not compile at a call site either
      void invoke('actions:archive', { actoinId: 'x', archived: true });
      // @ts-expect-error -- nor does an unknown channel
      void invoke('actions:archiv', { actionId: 'x', archived: true });
      return invoke('actions:archive', { actionId: 'x', archived: true });
    };
    expectTypeOf(sites).returns.toEqualTypeOf<Promise<Result<OutputOf<'actions:archive'>>>>();
  });

  it('answers unknown_channel for a channel the handlers given do not implement', async () => {
    const invoke = typedInvoke(
      createDispatcher({
        'app:info': () => ({ version: '1', dbPath: ':memory:', schemaVersion: 1, userName: 'Test' }),
      }),
      ctx,
    );
    expect(await invoke('app:info', {})).toEqual({
      ok: true,
      value: { version: '1', dbPath: ':memory:', schemaVersion: 1, userName: 'Test' },
    });
    const missing = await invoke('plans:list', {});
    expect(missing.ok ? null : missing.error.code).toBe('unknown_channel');
  });
});

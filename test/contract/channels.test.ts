import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanFromDraft, type Store } from '../../db';
import { channels, contract, type CoreChannel } from '../../shared/contract';
import { exportChannels } from '../../shared/contract-export';
import { syncChannels } from '../../shared/contract-sync';
import { importChannels } from '../../shared/contract-import';
import { ctx, dispatcherFor, freshStore, rowCounts, smallDraft } from '../db/helpers';
import { makeEnv, malformed, validCases, type Env } from './cases';

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function setup(): Env & { errors: unknown[] } {
  const { store } = freshStore();
  stores.push(store);
  const { dispatch, errors } = dispatcherFor(store);
  const plan = createPlanFromDraft(store, smallDraft());
  return { ...makeEnv(store, dispatch, plan.id), errors };
}

const coreChannels = channels.filter(
  (c) => !Object.hasOwn(exportChannels, c) && !Object.hasOwn(importChannels, c) && !Object.hasOwn(syncChannels, c),
) as CoreChannel[];

/** Inputs whose every field is optional: `{}` and objects with wrong extra keys are valid. */
function acceptsEmpty(channel: CoreChannel): boolean {
  return contract[channel].input.safeParse({}).success;
}

describe('the store implements every core channel of the contract', () => {
  it('has a valid case for every core channel', () => {
    expect(Object.keys(validCases).sort()).toEqual([...coreChannels].sort());
  });

  it.each(coreChannels)('%s: a valid call works and its answer matches the contract', async (channel) => {
    const env = setup();
    const payload = await validCases[channel](env as never);
    const result = await env.dispatch(channel, payload, ctx);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    expect(env.errors).toEqual([]);
  });

  it.each(coreChannels)('%s: a malformed payload is refused with invalid_input and writes nothing', async (channel) => {
    const env = setup();
    const valid = await validCases[channel](env as never);
    const before = rowCounts(env.store);
    const candidates = malformed(valid).filter((p) => !contract[channel].input.safeParse(p).success);
    expect(candidates.length).toBeGreaterThan(acceptsEmpty(channel) ? 0 : 1);
    for (const payload of candidates) {
      const result = await env.dispatch(channel, payload, ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message.length).toBeGreaterThan(0);
      }
    }
    expect(rowCounts(env.store)).toEqual(before);
  });
});

describe('generated payloads never break the dispatcher', () => {
  it('fc.anything() on any channel: never throws, never internal', async () => {
    const env = setup();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...coreChannels), fc.anything(), async (channel, payload) => {
        const result = await env.dispatch(channel, payload, ctx);
        if (!result.ok) expect(result.error.code).not.toBe('internal');
      }),
      { numRuns: 400 },
    );
    expect(env.errors).toEqual([]);
  });

  it('near-valid objects (one field replaced, dropped, or a random id) on any channel: never throws, never internal', async () => {
    const env = setup();
    const ids = [
      env.tree.plan.id,
      ...env.tree.sections.map((s) => s.id),
      ...env.tree.actions.map((a) => a.id),
      ...env.tree.periods.map((p) => p.id),
      ...env.tree.levels.map((l) => l.id),
      ...env.tree.progress.map((p) => p.id),
      ...env.tree.objectives.map((o) => o.id),
      ...env.tree.recommendations.map((r) => r.id),
    ];
    const value = fc.oneof(
      fc.anything(),
      fc.uuid(),
      fc.constantFrom(...ids),
      fc.constant(null),
      fc.constant(undefined),
      fc.string(),
      fc.integer(),
      fc.boolean(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...coreChannels),
        fc.nat(),
        value,
        fc.boolean(),
        async (channel, pick, replacement, drop) => {
          let payload: unknown;
          try {
            payload = await validCases[channel](env as never);
          } catch {
            return; // the setup itself was refused after earlier random writes (e.g. the plan is gone)
          }
          if (payload && typeof payload === 'object') {
            const keys = Object.keys(payload);
            const key = keys[pick % Math.max(1, keys.length)];
            if (key !== undefined) {
              const copy: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
              if (drop) delete copy[key];
              else copy[key] = replacement;
              payload = copy;
            }
          }
          const result = await env.dispatch(channel, payload, ctx);
          if (!result.ok) expect(result.error.code, `${channel} ${result.error.message}`).not.toBe('internal');
        },
      ),
      { numRuns: 400 },
    );
    expect(env.errors).toEqual([]);
  });
});

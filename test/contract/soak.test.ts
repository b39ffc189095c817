/**
 * The soak harness (bench/soak/*) in miniature, so CI covers it without timing anything: a few kill -9
 * trials, a few hundred generated payloads on every channel, and one of each hostile import file.
 * The full figures come from `npm run soak`.
 */
import { describe, expect, it } from 'vitest';
import { fuzz } from '../../bench/soak/fuzz';
import { channels } from '../../shared/contract';
import { hostileImports } from '../../bench/soak/hostile';
import { kill9 } from '../../bench/soak/kill9';

describe('the reliability soak harness (tiny run)', () => {
  it('kill -9 trials: every acknowledged write survives, nothing partial', async () => {
    const r = await kill9({ trials: 5, storeEvery: 3, maxRunMs: 400, lanes: 2 });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ trials: 5, lostWrites: 0, failedTrials: 0 });
  }, 300_000);

  it('generated hostile payloads on every channel: no crash', async () => {
    const r = await fuzz({ payloads: 200, seed: 7, resetEvery: 100 });
    expect(r.examples).toEqual([]);
    expect(r.crashes).toBe(0);
    expect(r.payloads).toBe(200 + channels.length);
    // Every channel of the contract (sync, indicators and backups:restore included) gets payloads.
    expect(r.channelsMissed).toEqual([]);
    expect(r.channelsCovered).toBe(channels.length);
  }, 300_000);

  it('hostile import files (one of each kind): clear refusals, nothing written', async () => {
    const r = await hostileImports({ files: 22, workerEvery: 11 });
    expect(r.examples).toEqual([]);
    expect(r).toMatchObject({ files: 22, failures: 0 });
  }, 300_000);
});

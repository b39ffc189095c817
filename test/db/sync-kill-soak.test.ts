/**
 * The sync kill -9 soak (bench/soak/sync-kill.ts) in miniature, so CI covers its harness: both merges (an
 * invitation onto an empty store, an update pack onto the lead's copy) are killed at a random moment and
 * every check passes. `SYNC_KILL_TRIALS=100 SOAK_PARTS=sync-kill9 npm run soak` runs the full figure.
 */
import { describe, expect, it } from 'vitest';
import { syncKill9 } from '../../bench/soak/sync-kill';

describe('sync kill -9 soak', () => {
  it('four trials: a sound store, all or nothing, re-applying converges', async () => {
    const r = await syncKill9({ trials: 4 });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ trials: 4, failures: 0 });
    expect(Object.keys(r.merges).sort()).toEqual(['invite', 'update']);
    expect(r.merges.update!.ops).toBeGreaterThan(300);
  }, 600_000);
});

/** Search covers lead cells and the recommendations an action answers (issue 11 point 3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import type { SearchHit } from '../../shared/contract';
import { ctx, dispatcherFor, freshStore } from './helpers';

const { store } = freshStore();
const { dispatch } = dispatcherFor(store);
const call = async (channel: string, input: unknown) => {
  const r = await dispatch(channel, input, ctx);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as never;
};

beforeAll(async () => {
  await call('plans:createFromDraft', samplePlanDraft);
});
afterAll(() => store.close());

describe('search over leads and recommendations', () => {
  it('finds every action a person leads by their surname, marking the word', async () => {
    const tree = (await call('plans:get', { planId: ((await call('plans:list', {})) as { id: string }[])[0]!.id })) as {
      actions: { id: string; deletedAt: string | null; leads: { name: string }[] }[];
    };
    const led = tree.actions
      .filter((a) => a.deletedAt === null && a.leads.some((l) => /Dunmore/.test(l.name)))
      .map((a) => a.id);
    expect(led.length).toBeGreaterThan(0);
    const hits = (await call('search:query', { query: 'Dunmore', limit: 100 })) as SearchHit[];
    const found = new Set(hits.map((h) => h.actionId));
    for (const id of led) expect(found.has(id)).toBe(true);
    expect(hits.some((h) => h.snippet.startsWith('Lead: ') && h.snippet.includes('[[Dunmore]]'))).toBe(true);
  });

  it('finds actions by the text of the recommendation they answer, and needs every word', async () => {
    const hits = (await call('search:query', { query: 'health assessments', limit: 100 })) as SearchHit[];
    expect(hits.length).toBeGreaterThan(0);
    expect(((await call('search:query', { query: 'Dunmore zebra' })) as SearchHit[]).length).toBe(0);
    expect(await call('search:query', { query: '%_' })).toEqual([]);
  });
});

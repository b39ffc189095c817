/**
 * Issue 11.12, "load what the first screen needs first": `plans:getFirstScreen` answers every section,
 * objective and action with ratings and progress for the first actions only, and (asked) the Overview's
 * summary worked out from every rating (for the Overview, with only the actions its lists name); `summary:get`
 * reads the tree without progress and answers the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlanFromDraft, createStoreHandlers, getPlanTree, openStore } from '../../db';
import { FIRST_SCREEN_ACTIONS } from '../../db/tree';
import { createDispatcher } from '../../shared/dispatch';
import { largePlanDraft } from '../../shared/samples/large-plan';
import type { PlanTree } from '../../shared/model';
import type { PlanSummary } from '../../shared/summary-schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-first-screen-'));
const store = openStore(path.join(dir, 'store.sqlite'), { actor: 'Tester' });
const planId = createPlanFromDraft(store, largePlanDraft(), 'Tester').id;
const dispatch = createDispatcher(createStoreHandlers(store), { validateOutput: true });
const ctx = { actor: 'Tester', emit: () => undefined };

afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('plans:getFirstScreen', () => {
  it('carries every row, and ratings and progress for the first actions only', async () => {
    const full = getPlanTree(store, planId);
    const r = await dispatch('plans:getFirstScreen', { planId }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    const { tree, detailedActionIds, summary } = r.value as {
      tree: typeof full;
      detailedActionIds: string[];
      summary?: unknown;
    };
    expect(summary).toBeUndefined();
    expect(tree.actions).toEqual(full.actions);
    expect(tree.sections).toEqual(full.sections);
    expect(tree.objectives).toEqual(full.objectives);
    expect(detailedActionIds).toEqual(full.actions.slice(0, FIRST_SCREEN_ACTIONS).map((a) => a.id));
    const first = new Set(detailedActionIds);
    expect(tree.ratings).toEqual(full.ratings.filter((x) => first.has(x.actionId)));
    expect(tree.progress).toEqual(full.progress.filter((x) => first.has(x.actionId)));
    expect(tree.ratings.length).toBeGreaterThan(0);
    expect(tree.progress.length).toBeGreaterThan(0);
  });

  it('brings the Overview’s summary when asked, the same as summary:get', async () => {
    const r = await dispatch('plans:getFirstScreen', { planId, summary: true }, ctx);
    const s = await dispatch('summary:get', { planId }, ctx);
    if (!r.ok || !s.ok) throw new Error('read failed');
    const { summary, tree } = r.value as { summary: unknown; tree: { ratings: unknown[] } };
    expect(summary).toEqual(s.value);
    expect(tree.ratings.length).toBeLessThan(getPlanTree(store, planId).ratings.length);
  });

  it('for the Overview, brings the summary and only the actions its lists name, without ratings or progress', async () => {
    const r = await dispatch('plans:getFirstScreen', { planId, summary: true, overview: true }, ctx);
    const s = await dispatch('summary:get', { planId }, ctx);
    if (!r.ok || !s.ok) throw new Error('read failed');
    const { summary, tree, detailedActionIds } = r.value as {
      summary: PlanSummary;
      tree: PlanTree;
      detailedActionIds: string[];
    };
    expect(summary).toEqual(s.value);
    const full = getPlanTree(store, planId);
    const listed = summary.actions.filter((a) => a.overdue || a.missingExplanation).map((a) => a.actionId);
    expect(listed.length).toBeGreaterThan(0);
    expect(tree.actions.map((a) => a.id)).toEqual(full.actions.filter((a) => listed.includes(a.id)).map((a) => a.id));
    expect(tree.actions.length).toBeLessThan(full.actions.length);
    expect(tree.sections).toEqual(full.sections);
    expect(tree.recommendations).toEqual(full.recommendations);
    expect(tree.ratings).toEqual([]);
    expect(tree.progress).toEqual([]);
    expect(detailedActionIds).toEqual([]);
  });

  it('reads progress updates as domain objects (internal as a boolean)', () => {
    const tree = getPlanTree(store, planId);
    expect(tree.progress.every((p) => typeof p.internal === 'boolean' && p.deletedAt === null)).toBe(true);
    expect(getPlanTree(store, planId, { progressFor: 0 }).progress).toEqual([]);
  });
});

/**
 * Issue 11.12, "load what the first screen needs first": `plans:getFirstScreen` answers every section,
 * objective and action with ratings and progress for the first actions only, and (asked) the Overview's
 * summary worked out from every rating (for the Overview: from its two periods' ratings, with only the actions
 * its lists show first and, in the summary, only the actions its lists count); `summary:get` reads the tree
 * without progress and answers the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlanFromDraft, createStoreHandlers, getPlanTree, openStore } from '../../db';
import { FIRST_SCREEN_ACTIONS } from '../../db/tree';
import { OVERVIEW_LIST_FIRST, overviewLists } from '../../shared/summary';
import { createDispatcher } from '../../shared/dispatch';
import { largePlanDraft } from '../../shared/samples/large-plan';
import type { PlanTree } from '../../shared/model';
import type { PlanSummary } from '../../shared/summary-schema';
import type { FirstScreen } from '../../db/tree';

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
  it('carries every section, the first sections’ rows whole, and ratings and progress for the first actions only', async () => {
    const full = getPlanTree(store, planId);
    const r = await dispatch('plans:getFirstScreen', { planId }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    const { tree, detailedActionIds, pendingSectionIds, summary } = r.value as FirstScreen;
    expect(summary).toBeUndefined();
    expect(tree.sections).toEqual(full.sections);
    expect(tree.periods).toEqual(full.periods);
    expect(tree.levels).toEqual(full.levels);
    expect(tree.recommendations).toEqual(full.recommendations);
    // The first sections, each whole, holding at least FIRST_SCREEN_ACTIONS actions; the others are pending.
    const pending = new Set(pendingSectionIds);
    const carried = full.sections.filter((s) => !pending.has(s.id));
    expect(carried.map((s) => s.id)).toEqual(full.sections.slice(0, carried.length).map((s) => s.id));
    expect(pendingSectionIds.length).toBeGreaterThan(0);
    expect(tree.actions).toEqual(full.actions.filter((a) => !pending.has(a.sectionId)));
    expect(tree.actions).toEqual(full.actions.slice(0, tree.actions.length));
    expect(tree.actions.length).toBeGreaterThanOrEqual(FIRST_SCREEN_ACTIONS);
    expect(tree.objectives).toEqual(full.objectives.filter((o) => !pending.has(o.sectionId)));
    expect(detailedActionIds).toEqual(full.actions.slice(0, FIRST_SCREEN_ACTIONS).map((a) => a.id));
    const first = new Set(detailedActionIds);
    expect(tree.ratings).toEqual(full.ratings.filter((x) => first.has(x.actionId)));
    expect(tree.progress).toEqual(full.progress.filter((x) => first.has(x.actionId)));
    expect(tree.ratings.length).toBeGreaterThan(0);
    expect(tree.progress.length).toBeGreaterThan(0);
    // Small: what one screen needs, not the plan (the whole first screen was 1.87 MB of JSON).
    expect(JSON.stringify(r.value).length).toBeLessThan(600_000);
  });

  it('a small plan’s first screen is the whole plan: no section pending', async () => {
    const id = createPlanFromDraft(store, largePlanDraft({ sections: 4, actions: 20 }), 'Tester').id;
    const full = getPlanTree(store, id);
    expect(full.actions.length).toBeLessThan(FIRST_SCREEN_ACTIONS);
    const r = await dispatch('plans:getFirstScreen', { planId: id }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    const { tree, pendingSectionIds, detailedActionIds } = r.value as FirstScreen;
    expect(pendingSectionIds).toEqual([]);
    expect(detailedActionIds).toEqual(full.actions.map((a) => a.id));
    expect(tree).toEqual(full);
  });

  it('archived actions and sections do not count towards the first screen’s shown actions', async () => {
    const id = createPlanFromDraft(store, largePlanDraft(), 'Tester').id;
    const before = getPlanTree(store, id);
    const [s1, s2] = before.sections;
    // Archive the first section, and all but 5 actions of the second.
    expect((await dispatch('sections:archive', { sectionId: s1!.id, archived: true }, ctx)).ok).toBe(true);
    for (const a of before.actions.filter((x) => x.sectionId === s2!.id).slice(5))
      expect((await dispatch('actions:archive', { actionId: a.id, archived: true }, ctx)).ok).toBe(true);
    const full = getPlanTree(store, id);
    const r = await dispatch('plans:getFirstScreen', { planId: id }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    const { tree, pendingSectionIds } = r.value as FirstScreen;
    const pending = new Set(pendingSectionIds);
    const carried = full.sections.filter((s) => !pending.has(s.id));
    // Sections 1 and 2 show 5 actions: the third (100 shown) is needed to reach FIRST_SCREEN_ACTIONS.
    expect(carried.map((s) => s.id)).toEqual(full.sections.slice(0, 3).map((s) => s.id));
    expect(full.actions.filter((a) => a.sectionId === s2!.id && !a.archived)).toHaveLength(5);
    expect(tree.actions).toEqual(full.actions.filter((a) => !pending.has(a.sectionId)));
    expect(tree.sections).toEqual(full.sections);
  });

  it('brings the Overview’s summary when asked, the same as summary:get', async () => {
    const r = await dispatch('plans:getFirstScreen', { planId, summary: true }, ctx);
    const s = await dispatch('summary:get', { planId }, ctx);
    if (!r.ok || !s.ok) throw new Error('read failed');
    const { summary, tree } = r.value as { summary: unknown; tree: { ratings: unknown[] } };
    expect(summary).toEqual(s.value);
    expect(tree.ratings.length).toBeLessThan(getPlanTree(store, planId).ratings.length);
  });

  it('for the Overview, brings the summary and only the actions its lists show first, without ratings or progress', async () => {
    const r = await dispatch('plans:getFirstScreen', { planId, summary: true, overview: true }, ctx);
    const s = await dispatch('summary:get', { planId }, ctx);
    if (!r.ok || !s.ok) throw new Error('read failed');
    const { summary, tree, detailedActionIds } = r.value as {
      summary: PlanSummary;
      tree: PlanTree;
      detailedActionIds: string[];
    };
    const whole = s.value as PlanSummary;
    // The same summary (read from its two periods' ratings only), with the actions its lists count.
    const counted = whole.actions.filter((a) => a.overdue || a.missingExplanation);
    expect(summary).toEqual({ ...whole, actions: counted });
    expect(overviewLists(summary)).toEqual(overviewLists(whole));
    const full = getPlanTree(store, planId);
    const lists = overviewLists(whole);
    const shown = new Set(
      [...lists.overdue.slice(0, OVERVIEW_LIST_FIRST), ...lists.unexplained.slice(0, OVERVIEW_LIST_FIRST)].map(
        (a) => a.actionId,
      ),
    );
    expect(shown.size).toBeGreaterThan(0);
    expect(tree.actions).toEqual(full.actions.filter((a) => shown.has(a.id)));
    expect(tree.actions.length).toBeLessThan(full.actions.length);
    expect(tree.objectives).toEqual(full.objectives.filter((o) => tree.actions.some((a) => a.objectiveId === o.id)));
    expect(tree.sections).toEqual(full.sections);
    expect(tree.recommendations).toEqual(full.recommendations);
    expect(tree.ratings).toEqual([]);
    expect(tree.progress).toEqual([]);
    expect(detailedActionIds).toEqual([]);
  });

  it('the large plan’s Overview first screen is small: its lists cut to their first actions', async () => {
    const r = await dispatch('plans:getFirstScreen', { planId, summary: true, overview: true }, ctx);
    const s = await dispatch('summary:get', { planId }, ctx);
    if (!r.ok || !s.ok) throw new Error('read failed');
    const { summary, tree } = r.value as { summary: PlanSummary; tree: PlanTree };
    const whole = s.value as PlanSummary;
    expect(summary.sections).toEqual(whole.sections);
    expect(summary.overall).toEqual(whole.overall);
    expect(overviewLists(summary)).toEqual(overviewLists(whole));
    expect(overviewLists(whole).overdue.length).toBeGreaterThan(OVERVIEW_LIST_FIRST);
    expect(tree.actions.length).toBeLessThanOrEqual(2 * OVERVIEW_LIST_FIRST);
    expect(JSON.stringify(r.value).length).toBeLessThan(300_000);
  });

  it('reads progress updates as domain objects (internal as a boolean)', () => {
    const tree = getPlanTree(store, planId);
    expect(tree.progress.every((p) => typeof p.internal === 'boolean' && p.deletedAt === null)).toBe(true);
    expect(getPlanTree(store, planId, { progressFor: 0 }).progress).toEqual([]);
  });
});

/** The plan table's filter bar rules (issue 11 point 3), on the sample plan. */
import { describe, expect, it } from 'vitest';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import type { Action, Person } from '../../shared/model';
import { indexTree } from '../../renderer/src/state/indexes';
import { actionPredicate, leadChoices, leadList, NO_FILTER, type ActionFilter } from '../../renderer/src/table/filters';
import { readFileSync } from 'node:fs';
import { draftFromFixture2020 } from '../../shared/fixture-2020';
import { updatesByLead } from '../../shared/dashboard';
import { knownLead, roundActions, roundLeads } from '../../renderer/src/round/UpdateRound';
import { buildRows } from '../../renderer/src/table/rows';

const tree = treeFromDraft(samplePlanDraft);
const index = indexTree(tree);
const actions = [...index.actionById.values()];
const person = (name: string): Person => ({
  id: crypto.randomUUID(),
  name,
  jobTitle: '',
  service: '',
  email: '',
  signatory: false,
  aliases: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
});
const run = (f: Partial<ActionFilter>, extra: { userName?: string; people?: Person[] } = {}) =>
  actions
    .filter(
      actionPredicate(
        { ...NO_FILTER, ...f },
        {
          index,
          periodId: tree.plan.currentPeriodId,
          userName: extra.userName ?? '',
          people: extra.people ?? [],
          today: '2026-02-13',
        },
      ),
    )
    .map((a: Action) => a.reference);

describe('filter bar', () => {
  it('"My actions" reads real lead cells: "Service Lead F Dunmore" is F Dunmore’s', () => {
    const dunmore = actions.filter((a) => a.leads.some((l) => l.name.includes('Dunmore'))).map((a) => a.reference);
    expect(dunmore.length).toBeGreaterThan(0);
    expect(run({ mine: true }, { userName: 'F Dunmore' })).toEqual(dunmore);
    expect(run({ mine: true }, { userName: 'Fiona Dunmore' })).toEqual(dunmore);
    expect(run({ lead: 'F Dunmore' })).toEqual(dunmore);
    expect(run({ mine: true }, { userName: '' })).toEqual([]);
  });
  it('offers the people in lead cells, marking those not in the directory', () => {
    const choices = leadChoices(actions, [person('Fiona Dunmore')]);
    expect(choices).toContainEqual({ name: 'Fiona Dunmore', inDirectory: true });
    expect(choices.some((c) => c.name === 'F Dunmore')).toBe(false);
    expect(choices.some((c) => !c.inDirectory)).toBe(true);
  });
  it('filters by rating level, not rated, recommendation, and combines filters', () => {
    const green = index.levels.find((l) => l.label === 'Green')!;
    const greens = run({ levelId: green.id });
    expect(greens.length).toBeGreaterThan(0);
    for (const ref of greens) {
      const a = actions.find((x) => x.reference === ref)!;
      expect(index.ratingOf(a.id, tree.plan.currentPeriodId!)?.levelId).toBe(green.id);
    }
    const rec = tree.recommendations[0]!;
    expect(run({ recommendationId: rec.id })).toEqual(
      actions.filter((a) => a.recommendationIds.includes(rec.id)).map((a) => a.reference),
    );
    expect(run({ levelId: green.id, recommendationId: rec.id }).every((r) => greens.includes(r))).toBe(true);
  });
  it('drops sections and objectives with nothing to show', () => {
    const keep = actionPredicate(
      { ...NO_FILTER, lead: 'F Dunmore' },
      { index, periodId: tree.plan.currentPeriodId, userName: '', people: [], today: '2026-02-13' },
    );
    const rows = buildRows(index, false, keep);
    expect(rows.filter((r) => r.kind === 'empty')).toEqual([]);
    for (const r of rows) if (r.kind === 'section') expect(r.count).toBeGreaterThan(0);
    expect(rows.filter((r) => r.kind === 'action').length).toBe(run({ lead: 'F Dunmore' }).length);
  });
});

describe('the Lead list: people, and teams and bodies', () => {
  it('offers lead cells that name no person as teams and bodies, with counts the filter agrees with', () => {
    const list = leadList(actions, []);
    expect(list.bodies.map((b) => [b.name, b.count])).toEqual([
      ['Detective Inspector, Northmoor Police', 1],
      ['Performance and Intelligence Team', 3],
    ]);
    expect(list.people.map((p) => p.name)).toContain('F Dunmore');
    expect(list.people.map((p) => p.name)).not.toContain('Performance and Intelligence Team');
    // Every choice's count is what the Lead filter then shows, through the one rule in shared/leads.ts.
    for (const c of [...list.people, ...list.bodies]) expect(run({ lead: c.name }).length, c.name).toBe(c.count);
    const team = actions
      .filter((a) => a.leads.some((l) => l.name === 'Performance and Intelligence Team'))
      .map((a) => a.reference);
    expect(run({ lead: 'Performance and Intelligence Team' })).toEqual(team);
    // The people's list for the update round is unchanged: no teams in it.
    expect(leadChoices(actions, []).map((c) => c.name)).toEqual(list.people.map((p) => p.name));
  });

  it('reads every lead cell of the imported 2020 plan: no action is left out of the list', () => {
    const json = JSON.parse(readFileSync('/work/shared/fixtures/continuous-development-plan-2020.json', 'utf8'));
    const fixture = treeFromDraft(draftFromFixture2020(json));
    const all = fixture.actions.filter((a) => a.deletedAt === null && !a.archived);
    const list = leadList(all, []);
    expect(list.bodies.map((b) => b.name)).toEqual([
      'AD Data info team Service Leads',
      'All Service Leads',
      'DCS',
      'Director HR',
      'Service Leads',
      'Service Leads and SMs and team managers',
    ]);
    expect(list.people.map((p) => p.name)).toContain('R Murdock');
    expect(list.people.find((p) => p.name === 'R Murdock')!.count).toBe(9);
    // Each action with a lead is found by at least one choice.
    const fx = indexTree(fixture);
    const found = new Set<string>();
    for (const c of [...list.people, ...list.bodies])
      for (const a of all.filter(
        actionPredicate(
          { ...NO_FILTER, lead: c.name },
          { index: fx, periodId: null, userName: '', people: [], today: '2026-02-13' },
        ),
      ))
        found.add(a.id);
    expect(all.filter((a) => a.leads.some((l) => l.name.trim() !== '') && !found.has(a.id))).toEqual([]);
  });

  it('a team linked to a person in People becomes theirs', () => {
    const hr = { ...person('Lucy Pemberton'), aliases: ['Detective Inspector, Northmoor Police'] };
    const list = leadList(actions, [hr]);
    expect(list.bodies.map((b) => b.name)).toEqual(['Performance and Intelligence Team']);
    expect(list.people.find((p) => p.name === 'Lucy Pemberton')).toEqual({
      name: 'Lucy Pemberton',
      inDirectory: true,
      count: 3, // "Head of HR and Workforce L Pemberton" twice, and the police post now linked to her
    });
  });

  it('the Overview’s updates by lead list the same leads with the same actions (sample and 2020 plan)', () => {
    const json = JSON.parse(readFileSync('/work/shared/fixtures/continuous-development-plan-2020.json', 'utf8'));
    for (const t of [tree, treeFromDraft(draftFromFixture2020(json))]) {
      const live = t.actions.filter((a) => a.deletedAt === null && !a.archived);
      const list = leadList(live, []);
      const rows = updatesByLead(t, t.plan.currentPeriodId);
      const choices = [...list.people, ...list.bodies];
      expect(rows.map((r) => [r.name, r.actions]).sort()).toEqual(choices.map((c) => [c.name, c.count]).sort());
      expect(rows.filter((r) => r.body).map((r) => r.name)).toEqual(
        expect.arrayContaining(list.bodies.map((b) => b.name)),
      );
    }
  });

  it('the update round offers the same teams and bodies, and a remembered team opens on its actions', () => {
    const { people, bodies } = roundLeads(index);
    const list = leadList(actions, []);
    expect(people).toEqual(list.people.map((p) => p.name));
    expect(bodies).toEqual(list.bodies.map((b) => b.name));
    const team = 'Performance and Intelligence Team';
    expect(knownLead([...people, ...bodies], team)).toBe(team);
    expect(roundActions(index, team).map((a) => a.reference)).toEqual(run({ lead: team }));
  });
});

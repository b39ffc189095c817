import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionDraft, PlanDraft } from '../../shared/draft';
import type { PlanTree } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { SCALE_PRESETS } from '../../shared/ratings';
import { PlanSummary } from '../../shared/summary-schema';
import { computeSummary, describeProgress } from '../../shared/summary';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import { largePlanDraft } from '../../shared/samples/large-plan';

const P1 = 'RAG initial';
const P2 = 'RAG 01/26';
const P3 = 'RAG 03/26';
const TODAY = '2026-01-31';

/** An action rated `prev` in P1 and `curr` in P2 (numbers on the five-level scale; null = not rated). */
function act(prev: number | null, curr: number | null, extra: Partial<ActionDraft> = {}): ActionDraft {
  const ratings: NonNullable<ActionDraft['ratings']> = [];
  const explain = (n: number) =>
    n <= 2 ? { explanation: 'Delayed by vacancies.', correctiveAction: 'Interim cover agreed.' } : {};
  if (prev !== null) ratings.push({ period: P1, level: String(prev), ...explain(prev) });
  if (curr !== null) ratings.push({ period: P2, level: String(curr), ...explain(curr) });
  return { description: 'An action', dueText: 'Ongoing', ratings, ...extra };
}

function draft(): PlanDraft {
  return {
    title: 'Rounding plan',
    template: 'development',
    scale: SCALE_PRESETS['five-level'].levels.map((l) => ({ ...l })),
    periods: [{ label: P1 }, { label: P2 }, { label: P3 }],
    currentPeriod: P2,
    comparePeriod: P1,
    recommendations: [
      { number: 1, label: 'Ofsted 1', text: 'Answered by a live action.' },
      { number: 2, label: 'Ofsted 2', text: 'Answered only by an archived action.' },
      { number: 3, label: 'Ofsted 3', text: 'Answered by nothing.' },
    ],
    sections: [
      {
        title: 'A: 3.25 (3,3,4,3), previously 3.0',
        actions: [
          act(3, 3, { recommendations: ['Ofsted 1'], dueText: '31/03/2025' }),
          act(3, 3, { dueText: 'Quarterly (review March 2025)' }),
          act(3, 4, { dueText: 'March 2025' }),
          act(3, 3, { dueText: 'Summer 2025' }),
          // Archived: left out of means, counts and recommendations.
          act(1, 1, { archived: true, recommendations: ['Ofsted 2'], dueText: 'March 2020' }),
        ],
      },
      {
        title: 'B: 2.75 (3,3,3,2), previously 3.0',
        actions: [
          act(3, 3, { dueText: 'May 2024 to March 2025' }),
          act(3, 3, { dueText: 'March 2026' }),
          act(3, 3),
          act(3, 2),
        ],
      },
      { title: 'C: 2.5 (2,3), nothing rated before', actions: [act(null, 2), act(null, 3)] },
      {
        title: 'D: 1.5 (1,2), previously 1.5',
        actions: [
          act(1, 1),
          act(2, 2),
          // Not rated now: not-rated, not in the mean, counted as not rated.
          act(4, null),
        ],
      },
      { title: 'E: nothing rated', actions: [act(null, null), act(null, null)] },
    ],
  };
}

function build(mutate?: (t: PlanTree) => void): PlanTree {
  const t = treeFromDraft(draft());
  mutate?.(t);
  return t;
}

const tree = build();
const summary = computeSummary(tree, { today: TODAY });
const sec = (i: number) => summary.sections[i]!;
const byRef = (ref: string) => summary.actions.find((a) => a.reference === ref)!;

describe('computeSummary: means and rounding', () => {
  it('matches the output schema', () => {
    expect(() => PlanSummary.parse(summary)).not.toThrow();
    expect(summary.periodLabel).toBe(P2);
    expect(summary.compareLabel).toBe(P1);
  });

  it('rounds half-up at one decimal place and to whole numbers', () => {
    expect(sec(0).current).toEqual({ value: 3.25, oneDp: '3.3', whole: '3' });
    expect(sec(1).current).toEqual({ value: 2.75, oneDp: '2.8', whole: '3' });
    expect(sec(2).current).toEqual({ value: 2.5, oneDp: '2.5', whole: '3' });
    expect(sec(3).current).toEqual({ value: 1.5, oneDp: '1.5', whole: '2' });
    expect(sec(0).previous).toEqual({ value: 3, oneDp: '3.0', whole: '3' });
  });

  it('shows a dash, never 0, for a section with no rated action', () => {
    expect(sec(4).current).toEqual({ value: null, oneDp: '–', whole: '–' });
    expect(sec(4).previous).toEqual({ value: null, oneDp: '–', whole: '–' });
    expect(sec(2).previous.oneDp).toBe('–');
  });

  it('overall is the unweighted mean of the section means (not of all actions)', () => {
    // (3.25 + 2.75 + 2.5 + 1.5) / 4 = 2.5; the action-weighted mean would be 32/12 = 2.67.
    expect(summary.overall.current).toEqual({ value: 2.5, oneDp: '2.5', whole: '3' });
    // Previous: A 3.0, B 3.0, D 7/3 (1, 2, 4); C and E have no previous mean and are left out.
    expect(summary.overall.previous.value).toBeCloseTo((3 + 3 + 7 / 3) / 3, 10);
    expect(summary.overall.previous.oneDp).toBe('2.8');
  });

  it('counts per level, not rated and live actions; overall sums them', () => {
    const counts = (i: number) => sec(i).counts.map((c) => c.count);
    expect(sec(0).counts.map((c) => c.label)).toEqual([
      '1 Not started',
      '2 Some delay',
      '3 On track',
      '4 Completed',
      '5 Sustained',
    ]);
    expect(counts(0)).toEqual([0, 0, 3, 1, 0]);
    expect(sec(0).actionCount).toBe(4);
    expect(sec(0).notRated).toBe(0);
    expect(counts(3)).toEqual([1, 1, 0, 0, 0]);
    expect(sec(3).notRated).toBe(1);
    expect(sec(4).notRated).toBe(2);
    expect(summary.overall.counts.map((c) => c.count)).toEqual([1, 3, 7, 1, 0]);
    expect(summary.overall.notRated).toBe(3);
    expect(summary.overall.actionCount).toBe(15);
    expect(summary.actions).toHaveLength(15);
  });
});

describe('computeSummary: direction of travel', () => {
  it('per section, compared as shown at one decimal place', () => {
    expect(sec(0).direction).toBe('improved');
    expect(sec(1).direction).toBe('declined');
    expect(sec(2).direction).toBe('new');
    expect(sec(3).direction).toBe('declined'); // 7/3 = 2.3 -> 1.5
    expect(sec(4).direction).toBe('not-rated');
    expect(summary.overall.direction).toBe('declined'); // 2.8 -> 2.5
  });

  it('per action', () => {
    expect(byRef('1.1').direction).toBe('no-change');
    expect(byRef('1.3').direction).toBe('improved');
    expect(byRef('2.4').direction).toBe('declined');
    expect(byRef('3.1').direction).toBe('new');
    expect(byRef('4.3').direction).toBe('not-rated');
    expect(byRef('5.1').direction).toBe('not-rated');
    expect(byRef('1.3').currentLevelId).toBe(tree.levels[3]!.id);
    expect(byRef('1.3').previousLevelId).toBe(tree.levels[2]!.id);
  });
});

describe('computeSummary: overdue, explanations, recommendations', () => {
  it('overdue only on a real date or range end before today, and not when complete', () => {
    const overdue = summary.actions.filter((a) => a.overdue).map((a) => a.reference);
    // 1.1 31/03/2025 and 2.1 "May 2024 to March 2025" are overdue; 1.2 quarterly review, 1.3 rated
    // 4 (complete), 1.4 "Summer 2025" (not a date), 2.2 March 2026 and "Ongoing" are not.
    expect(overdue).toEqual(['1.1', '2.1']);
  });

  it('flags a red/amber rating without explanation and corrective action', () => {
    expect(summary.actions.some((a) => a.missingExplanation)).toBe(false);
    const t = build((t) => {
      const a = t.actions.find((x) => x.reference === '4.1')!;
      const p2 = t.periods[1]!.id;
      const r = t.ratings.find((x) => x.actionId === a.id && x.periodId === p2)!;
      r.correctiveAction = '  ';
    });
    const s = computeSummary(t, { today: TODAY });
    expect(s.actions.filter((a) => a.missingExplanation).map((a) => a.reference)).toEqual(['4.1']);
  });

  it('lists recommendations no live action answers (archived and deleted actions do not count)', () => {
    const [r1, r2, r3] = tree.recommendations;
    expect(summary.unansweredRecommendationIds).toEqual([r2!.id, r3!.id]);
    const t = build((t) => {
      t.actions.find((a) => a.reference === '1.1')!.deletedAt = '2026-01-20T10:00:00.000Z';
    });
    expect(computeSummary(t, { today: TODAY }).unansweredRecommendationIds).toEqual([r1!.id, r2!.id, r3!.id]);
  });

  it('leaves out deleted actions and archived sections', () => {
    const t = build((t) => {
      t.actions.find((a) => a.reference === '1.3')!.deletedAt = '2026-01-20T10:00:00.000Z';
      t.sections[4]!.archived = true;
    });
    const s = computeSummary(t, { today: TODAY });
    expect(s.sections).toHaveLength(4);
    expect(s.sections[0]!.current.oneDp).toBe('3.0');
    expect(s.actions).toHaveLength(12);
  });
});

describe('computeSummary: periods', () => {
  it('defaults to the plan current and compare periods, else the period before', () => {
    const t = build((t) => {
      t.plan.comparePeriodId = null;
    });
    expect(computeSummary(t, { today: TODAY }).compareId).toBe(t.periods[0]!.id);
  });

  it('reporting on another period compares with the one before it', () => {
    const s = computeSummary(tree, { periodId: tree.periods[0]!.id, today: TODAY });
    expect(s.periodLabel).toBe(P1);
    expect(s.compareId).toBeNull();
    expect(s.sections[0]!.current.oneDp).toBe('3.0');
    expect(s.sections[0]!.direction).toBe('new');
    const s3 = computeSummary(tree, { periodId: tree.periods[2]!.id, today: TODAY });
    expect(s3.compareLabel).toBe(P2);
    expect(s3.overall.current.oneDp).toBe('–');
  });

  it('compareId null means no comparison', () => {
    const s = computeSummary(tree, { compareId: null, today: TODAY });
    expect(s.compareId).toBeNull();
    expect(s.sections[0]!.previous.oneDp).toBe('–');
    expect(byRefIn(s, '1.1').direction).toBe('new');
  });

  it('refuses a period that is not in the plan', () => {
    expect(() => computeSummary(tree, { periodId: '00000000-0000-4000-8000-ffffffffffff' })).toThrow(DomainError);
    expect(() => computeSummary(tree, { compareId: '00000000-0000-4000-8000-ffffffffffff' })).toThrow(
      /not a period of this plan/,
    );
  });

  it('refuses a malformed today', () => {
    expect(() => computeSummary(tree, { today: '31/01/2026' })).toThrow(/YYYY-MM-DD/);
    expect(() => computeSummary(tree, { today: '2026-02-30' })).toThrow(DomainError);
  });

  it('a plan without periods has an empty, valid summary', () => {
    const t = treeFromDraft({ title: 'Empty', sections: [{ title: 'S', actions: [{ description: 'x' }] }] });
    const s = computeSummary(t, { today: TODAY });
    expect(() => PlanSummary.parse(s)).not.toThrow();
    expect(s.periodId).toBeNull();
    expect(s.actions[0]!.direction).toBe('not-rated');
  });
});

function byRefIn(s: PlanSummary, ref: string) {
  return s.actions.find((a) => a.reference === ref)!;
}

describe('describeProgress', () => {
  it('describes direction of travel with counts and the overall figures', () => {
    // improved 1.3, 3.x new (2); no-change 1.1, 1.2, 1.4, 2.1, 2.2, 2.3, 4.1, 4.2; declined 2.4; not rated 4.3, 5.1, 5.2.
    expect(describeProgress(summary, tree)).toBe(
      'Of 15 actions, 1 improved since RAG initial, 8 are unchanged and 1 declined; 2 were rated for the first time and 3 are not yet rated. The overall average rating moved from 2.8 to 2.5.',
    );
  });

  it('without a comparison period', () => {
    const s = computeSummary(tree, { compareId: null, today: TODAY });
    expect(describeProgress(s, tree)).toBe(
      'Of 15 actions, 12 are rated for RAG 01/26 and 3 are not yet rated. The overall average rating is 2.5.',
    );
  });

  it('singular forms and omitted zero counts', () => {
    const t = treeFromDraft({
      title: 'Small',
      scale: SCALE_PRESETS['five-level'].levels.map((l) => ({ ...l })),
      periods: [{ label: 'March 2020' }, { label: 'May 2020' }],
      sections: [{ title: 'S', actions: [act(2, 3), act(3, 3), act(null, 4), act(null, null)].map(rename) }],
    });
    expect(describeProgress(computeSummary(t, { today: TODAY }), t)).toBe(
      'Of 4 actions, 1 improved since March 2020 and 1 is unchanged; 1 was rated for the first time and 1 is not yet rated. The overall average rating moved from 2.5 to 3.3.',
    );
    const one = treeFromDraft({
      title: 'One',
      scale: SCALE_PRESETS['five-level'].levels.map((l) => ({ ...l })),
      periods: [{ label: 'March 2020' }, { label: 'May 2020' }],
      sections: [{ title: 'S', actions: [rename(act(3, 3))] }],
    });
    expect(describeProgress(computeSummary(one, { today: TODAY }), one)).toBe(
      'Of 1 action, 1 is unchanged since March 2020. The overall average rating is unchanged at 3.0.',
    );
  });

  it('groups thousands', () => {
    const big = treeFromDraft({
      title: 'Big',
      scale: SCALE_PRESETS['five-level'].levels.map((l) => ({ ...l })),
      periods: [{ label: 'March 2020' }],
      sections: [{ title: 'S', actions: Array.from({ length: 1200 }, () => ({ description: 'a' })) }],
    });
    expect(describeProgress(computeSummary(big, { today: TODAY }), big)).toBe(
      'None of the 1,200 actions has yet been rated for March 2020.',
    );
  });

  it('nothing rated, and no actions', () => {
    const t = treeFromDraft({
      title: 'Unrated',
      scale: SCALE_PRESETS['five-level'].levels.map((l) => ({ ...l })),
      periods: [{ label: 'March 2020' }],
      sections: [{ title: 'S', actions: [{ description: 'a' }, { description: 'b' }] }],
    });
    expect(describeProgress(computeSummary(t, { today: TODAY }), t)).toBe(
      'None of the 2 actions has yet been rated for March 2020.',
    );
    const empty = treeFromDraft({ title: 'Empty plan', periods: [{ label: 'March 2020' }] });
    expect(describeProgress(computeSummary(empty, { today: TODAY }), empty)).toBe('Empty plan has no actions yet.');
  });
});

/** Moves act()'s P1/P2 ratings onto "March 2020"/"May 2020". */
function rename(a: ActionDraft): ActionDraft {
  return {
    ...a,
    ratings: (a.ratings ?? []).map((r) => ({ ...r, period: r.period === P1 ? 'March 2020' : 'May 2020' })),
  };
}

describe('computeSummary: invariants on generated plans', () => {
  it('counts add up, overall is the mean of section means, directions agree with means', () => {
    fc.assert(
      fc.property(
        fc.record({
          sections: fc.integer({ min: 1, max: 5 }),
          actions: fc.integer({ min: 0, max: 40 }),
          periods: fc.integer({ min: 0, max: 4 }),
          progress: fc.integer({ min: 0, max: 30 }),
          seed: fc.integer({ min: 1, max: 1_000_000 }),
        }),
        (o) => {
          const t = treeFromDraft(largePlanDraft(o));
          const s = PlanSummary.parse(computeSummary(t, { today: TODAY }));
          expect(s.actions).toHaveLength(o.actions);
          expect(s.overall.actionCount).toBe(o.actions);
          for (const g of [...s.sections, s.overall]) {
            expect(g.counts.reduce((n, c) => n + c.count, 0) + g.notRated).toBe(g.actionCount);
            expect(g.direction === 'not-rated').toBe(g.current.value === null);
          }
          const means = s.sections.map((g) => g.current.value).filter((v): v is number => v !== null);
          if (means.length === 0) expect(s.overall.current.value).toBeNull();
          else expect(s.overall.current.value).toBeCloseTo(means.reduce((a, b) => a + b, 0) / means.length, 9);
        },
      ),
      { numRuns: 60, seed: 20260131 },
    );
  });
});

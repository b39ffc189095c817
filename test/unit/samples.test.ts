import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlanDraft, type PlanDraftParsed } from '../../shared/draft';
import { PlanTree } from '../../shared/model';
import { draftFromFixture2020, FIXTURE_2020_PERIOD } from '../../shared/fixture-2020';
import { SAMPLE_FACTS, samplePlanDraft } from '../../shared/samples/sample-plan';
import { largePlanDraft } from '../../shared/samples/large-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import { computeSummary } from '../../shared/summary';
import { parseDue } from '../../shared/dates';

const FIXTURES = '/work/shared/fixtures';
const fixture = JSON.parse(readFileSync(`${FIXTURES}/continuous-development-plan-2020.json`, 'utf8')) as unknown;
const rated = JSON.parse(
  readFileSync(`${FIXTURES}/word/continuous-development-plan-2020-rated.expected.json`, 'utf8'),
) as {
  ratings: Record<string, 'Red' | 'Amber' | 'Green' | 'Blue'>;
};

const allActions = (d: PlanDraftParsed) => d.sections.flatMap((s) => s.actions);

describe('samplePlanDraft', () => {
  const d = PlanDraft.parse(samplePlanDraft);
  const actions = allActions(d);

  it('parses and has the stated shape', () => {
    expect(d.sections).toHaveLength(SAMPLE_FACTS.sections);
    expect(actions).toHaveLength(SAMPLE_FACTS.actions);
    expect(d.template).toBe('continuous');
    expect(d.scale.map((l) => l.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
    expect(d.periods.map((p) => p.label)).toEqual([...SAMPLE_FACTS.periods]);
    expect(d.currentPeriod).toBe('January 2026');
    expect(d.comparePeriod).toBe('November 2025');
    expect(d.recommendations.map((r) => r.label)).toEqual(['Ofsted 1', 'Ofsted 2', 'Ofsted 3', 'Ofsted 4']);
    expect(d.introduction).not.toBe('');
    expect(d.governance).not.toBe('');
  });

  it('is fictional and British: no US spellings, no real council from the fixtures', () => {
    const text = JSON.stringify(samplePlanDraft);
    expect(text).not.toMatch(/Thurrock|Tynan|Murdock|organization|color\b|center\b/i);
    expect(text).toContain('Northmoor');
  });

  it('uses every period label and level key it refers to, and the future period is unrated', () => {
    const periods = new Set(d.periods.map((p) => p.label));
    const keys = new Set(d.scale.map((l) => l.key));
    for (const a of actions) {
      for (const r of a.ratings) {
        expect(periods.has(r.period)).toBe(true);
        expect(keys.has(r.level)).toBe(true);
        expect(r.period).not.toBe('March 2026');
      }
      for (const p of a.progress) expect(periods.has(p.period)).toBe(true);
    }
  });

  it('leaves Ofsted 4 unanswered, and answers the others', () => {
    const cited = new Set(actions.flatMap((a) => a.recommendations));
    expect(cited).toEqual(new Set(['Ofsted 1', 'Ofsted 2', 'Ofsted 3']));
  });

  it('has a joint lead, internal notes, multi-paragraph progress and the due-date forms', () => {
    expect(actions.some((a) => a.leads.length >= 2)).toBe(true);
    expect(actions.some((a) => a.progress.some((p) => p.internal))).toBe(true);
    expect(actions.some((a) => a.notes !== '')).toBe(true);
    expect(actions.filter((a) => a.progress.some((p) => p.body.includes('\n'))).length).toBeGreaterThan(10);
    expect(actions.some((a) => a.progress.some((p) => p.body.startsWith('Completed.')))).toBe(true);
    const dues = new Set(actions.map((a) => a.dueText));
    for (const form of [
      'September 2026',
      'Quarterly (review March 2026)',
      'Ongoing',
      'From July 2025',
      'Jan-26',
      '31/03/2026',
    ])
      expect(dues).toContain(form);
    // Every due text reads as something, except none are meant to be unparsed.
    for (const a of actions) expect(parseDue(a.dueText, { today: '2026-01-31' }).kind).not.toBe('unparsed');
  });

  it('red and amber ratings carry explanations, except the one left out on purpose', () => {
    const missing: string[] = [];
    for (const a of actions) {
      for (const r of a.ratings) {
        if ((r.level === 'R' || r.level === 'A') && (r.explanation === '' || r.correctiveAction === ''))
          missing.push(`${a.reference}@${r.period}`);
      }
    }
    expect(missing).toEqual([`${SAMPLE_FACTS.redWithoutExplanation}@January 2026`]);
  });

  it('summarises with every direction of travel, a flagged red, an overdue action and Ofsted 4 unanswered', () => {
    const tree = PlanTree.parse(treeFromDraft(samplePlanDraft));
    const s = computeSummary(tree, { today: '2026-01-31' });
    expect(s.periodLabel).toBe('January 2026');
    expect(s.compareLabel).toBe('November 2025');
    const directions = new Set(s.actions.map((a) => a.direction));
    expect(directions).toEqual(new Set(['improved', 'no-change', 'declined', 'new', 'not-rated']));
    expect(s.actions.filter((a) => a.missingExplanation).map((a) => a.reference)).toEqual([
      SAMPLE_FACTS.redWithoutExplanation,
    ]);
    expect(s.actions.filter((a) => a.overdue).map((a) => a.reference)).toEqual([SAMPLE_FACTS.overdueAt20260131]);
    const ofsted4 = tree.recommendations.find((r) => r.label === 'Ofsted 4')!;
    expect(s.unansweredRecommendationIds).toEqual([ofsted4.id]);
    expect(s.overall.current.value).not.toBeNull();
    expect(s.overall.previous.value).not.toBeNull();
  });
});

describe('largePlanDraft', () => {
  it('has the default counts, all periods rated, progress 200-800 characters', () => {
    const d = PlanDraft.parse(largePlanDraft());
    const actions = allActions(d);
    expect(d.sections).toHaveLength(12);
    expect(actions).toHaveLength(1200);
    expect(d.periods).toHaveLength(8);
    expect(new Set(d.periods.map((p) => p.label)).size).toBe(8);
    expect(d.template).toBe('development');
    expect(d.scale.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
    for (const a of actions) expect(a.ratings.map((r) => r.period)).toEqual(d.periods.map((p) => p.label));
    const progress = actions.flatMap((a) => a.progress);
    expect(progress).toHaveLength(5000);
    for (const p of progress) {
      expect(p.body.length).toBeGreaterThanOrEqual(200);
      expect(p.body.length).toBeLessThanOrEqual(800);
    }
    expect(progress.filter((p) => p.body.includes('\n')).length).toBeGreaterThan(500);
    expect(actions.every((a) => a.leads.length >= 1)).toBe(true);
    expect(actions.some((a) => a.recommendations.length > 0)).toBe(true);
    // Objectives are shared by some actions (merged cells).
    const objectives = new Set(actions.map((a) => a.objective));
    expect(objectives.size).toBeLessThan(actions.length);
    expect(d.currentPeriod).toBe(d.periods.at(-1)!.label);
    expect(d.comparePeriod).toBe(d.periods.at(-2)!.label);
  });

  it('is deterministic, and the seed changes it', () => {
    const a = JSON.stringify(largePlanDraft({ actions: 100, progress: 300 }));
    const b = JSON.stringify(largePlanDraft({ actions: 100, progress: 300 }));
    const c = JSON.stringify(largePlanDraft({ actions: 100, progress: 300, seed: 2 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('honours the options and refuses bad ones', () => {
    const d = PlanDraft.parse(largePlanDraft({ sections: 3, actions: 10, periods: 2, progress: 15, seed: 7 }));
    expect(d.sections).toHaveLength(3);
    expect(allActions(d)).toHaveLength(10);
    expect(d.periods.map((p) => p.label)).toEqual(['RAG initial', 'RAG 03/25']);
    expect(allActions(d).flatMap((a) => a.progress)).toHaveLength(15);
    expect(() => largePlanDraft({ actions: -1 })).toThrow(RangeError);
    expect(() => largePlanDraft({ sections: 1.5 })).toThrow(RangeError);
  });

  it('builds a valid tree', () => {
    const tree = treeFromDraft(largePlanDraft({ actions: 60, progress: 120 }));
    expect(() => PlanTree.parse(tree)).not.toThrow();
    expect(tree.ratings).toHaveLength(60 * 8);
  });
});

describe('draftFromFixture2020', () => {
  const draft = draftFromFixture2020(fixture);
  const d = PlanDraft.parse(draft);
  const actions = allActions(d);
  const byRef = new Map(actions.map((a) => [a.reference, a]));

  it('gives 7 sections and 41 actions in order', () => {
    expect(d.sections).toHaveLength(7);
    expect(d.sections.map((s) => s.actions.length)).toEqual([3, 3, 17, 4, 1, 2, 11]);
    expect(actions).toHaveLength(41);
    expect(d.sections[2]!.title).toBe('Keep getting the Basics Right');
    expect(d.sections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(actions[0]!.reference).toBe('1.1');
  });

  it('has the plan details, the four-level key with its definitions and one period', () => {
    expect(d.organisation).toBe('Thurrock Council');
    expect(d.service).toBe("Children's Services");
    expect(d.template).toBe('continuous');
    expect(d.scale.map((l) => l.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
    expect(d.scale[0]!.definition).toBe('Action has not started or progressed');
    expect(d.periods.map((p) => p.label)).toEqual([FIXTURE_2020_PERIOD]);
    expect(d.recommendationsHeading).toBe('Summary of Ofsted recommendations from full inspection November 2019');
  });

  it('links the 3 recommendations to 3.1, 3.2, 3.3 and 7.5', () => {
    expect(d.recommendations.map((r) => r.label)).toEqual(['Ofsted 1', 'Ofsted 2', 'Ofsted 3']);
    const linked = actions.filter((a) => a.recommendations.length > 0).map((a) => [a.reference, a.recommendations]);
    expect(linked).toEqual([
      ['3.1', ['Ofsted 1']],
      ['3.2', ['Ofsted 2']],
      ['3.3', ['Ofsted 3']],
      ['7.5', ['Ofsted 3']],
    ]);
  });

  it('keeps multi-paragraph cells as "\\n"-joined text and due texts exactly', () => {
    const a33 = byRef.get('3.3')!;
    expect(a33.objective!.split('\n')).toHaveLength(3);
    expect(a33.progress[0]!.body.split('\n')).toHaveLength(4);
    expect(a33.dueText).toBe('July 2020\nOct 2020');
    expect(byRef.get('3.2')!.progress[0]!.body).toBe(
      'Weekly tracking in place work with health partners to improve response times. Currently 83% in timescale.[Feb data]',
    );
  });

  it('splits lead cells by paragraph and maps empty cells to ""', () => {
    expect(byRef.get('3.5')!.leads.map((l) => l.name)).toEqual(['Service lead C Moore', 'Mandy Moore Data team']);
    expect(byRef.get('1.1')!.leads.map((l) => l.name)).toEqual(['J Tynan AD']);
    const placeholder = byRef.get('7.11')!;
    expect(placeholder.description).toBe('See separate plan DEC19');
    expect(placeholder.outcome).toBe('');
    expect(placeholder.dueText).toBe('');
    expect(placeholder.leads).toEqual([]);
    expect(placeholder.progress).toEqual([]);
  });

  it('has no ratings unless given, and applies the rated fixture', () => {
    expect(actions.every((a) => a.ratings.length === 0)).toBe(true);
    const ratedDraft = PlanDraft.parse(draftFromFixture2020(fixture, rated.ratings));
    const ratedActions = allActions(ratedDraft);
    expect(ratedActions.every((a) => a.ratings.length === 1)).toBe(true);
    const keyOf = { Red: 'R', Amber: 'A', Green: 'G', Blue: 'B' } as const;
    for (const a of ratedActions)
      expect(a.ratings[0]).toMatchObject({ period: FIXTURE_2020_PERIOD, level: keyOf[rated.ratings[a.reference!]!] });
    const tree = treeFromDraft(ratedDraft);
    const s = computeSummary(tree, { today: '2020-06-01' });
    expect(s.sections).toHaveLength(7);
    expect(s.overall.notRated).toBe(0);
  });

  it('refuses input that is not the fixture format, and unknown colours', () => {
    expect(() => draftFromFixture2020({ sections: 'no' })).toThrow();
    expect(() => draftFromFixture2020(fixture, { '1.1': 'Purple' as 'Red' })).toThrow(/Red, Amber, Green or Blue/);
  });
});

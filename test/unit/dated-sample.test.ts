/** The sample plan dated to today: every date moves by the same whole number of months. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueEnd, parseDue } from '../../shared/dates';
import { PlanDraft } from '../../shared/draft';
import { monthsToToday, samplePlanForToday, shiftDatesInText, shiftIsoDate } from '../../shared/samples/dated-sample';
import { SAMPLE_FACTS, samplePlanDraft } from '../../shared/samples/sample-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import { computeSummary } from '../../shared/summary';

const actionsOf = (d: ReturnType<typeof PlanDraft.parse>) => d.sections.flatMap((s) => s.actions);

describe('shiftDatesInText', () => {
  it.each([
    ['Jan-26', 'Oct-26'],
    ['Feb 26', 'Nov 26'],
    ['31/03/2026', '31/12/2026'],
    ['30/06/2026', '31/03/2027'], // the last day of a month stays the last day
    ['15/01/2026', '15/10/2026'],
    ['31/10/2025', '31/07/2026'],
    ['September 2026', 'June 2027'],
    ['Oct 2025 Quarterly', 'Jul 2026 Quarterly'],
    ['Quarterly (review March 2026)', 'Quarterly (review December 2026)'],
    ['From July 2025', 'From April 2026'],
    ['May 2026', 'February 2027'],
    [
      'First practice week held 1-5 December 2025: 46 case audits.',
      'First practice week held 1-5 September 2026: 46 case audits.',
    ],
    ['Contract awarded 20 November 2025.', 'Contract awarded 20 August 2026.'],
    [
      'Staff survey (December 2025): up from 61% in June 2025.',
      'Staff survey (September 2026): up from 61% in March 2026.',
    ],
    [
      'Currently 68% [December data], between July and October 2025.',
      'Currently 68% [September data], between April and July 2026.',
    ],
    ['Findings reported to the Board in January.', 'Findings reported to the Board in October.'],
    ['in December, 46 cases; December 12 families', 'in September, 46 cases; September 12 families'],
    ['Ongoing', 'Ongoing'],
    ['Asked R Achebe. Marching orders.', 'Asked R Achebe. Marching orders.'],
  ])('%j -> %j (nine months on)', (text, expected) => {
    expect(shiftDatesInText(text, 9)).toBe(expected);
  });

  it('moves back as well as forward, and 0 months changes nothing', () => {
    expect(shiftDatesInText('Jan-26 and 31/03/2026', -2)).toBe('Nov-25 and 31/01/2026');
    expect(shiftDatesInText('Jan-26 and 31/03/2026', 0)).toBe('Jan-26 and 31/03/2026');
  });

  it('ISO dates: month ends stay month ends, other days are capped', () => {
    expect(shiftIsoDate('2025-11-30', 9)).toBe('2026-08-31');
    expect(shiftIsoDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(shiftIsoDate('2026-01-15', 1)).toBe('2026-02-15');
    expect(shiftIsoDate('2026-02-01', -3)).toBe('2025-11-01');
  });
});

describe('monthsToToday', () => {
  it.each([
    ['2026-11-22', 9],
    ['2026-10-31', 9],
    ['2026-10-30', 8],
    ['2026-02-13', 0],
    ['2026-01-31', 0],
    ['2025-12-01', -2],
  ])('current period ending 31 January 2026, today %s -> %i months', (today, months) => {
    expect(monthsToToday('2026-01-31', today)).toBe(months);
  });
});

describe('samplePlanForToday', () => {
  const before = JSON.stringify(samplePlanDraft);
  const dated = PlanDraft.parse(samplePlanForToday('2026-11-22'));

  it('on 22 November 2026 reports October 2026 against August 2026, with December 2026 next', () => {
    expect(dated.periods).toEqual([
      { label: 'August 2026', startDate: '2026-07-01', endDate: '2026-08-31', locked: true },
      { label: 'October 2026', startDate: '2026-09-01', endDate: '2026-10-31', locked: false },
      { label: 'December 2026', startDate: '2026-11-01', endDate: '2026-12-31', locked: false },
    ]);
    expect(dated.currentPeriod).toBe('October 2026');
    expect(dated.comparePeriod).toBe('August 2026');
    expect(
      actionsOf(dated)
        .flatMap((a) => [...a.ratings, ...a.progress].map((r) => r.period))
        .every((p) => ['August 2026', 'October 2026'].includes(p)),
    ).toBe(true);
    expect(JSON.stringify(dated)).not.toMatch(/November 2025|Jan-26|31\/10\/2025/); // ("since April 2025" rightly becomes "January 2026")
  });

  it('keeps the shape: sections, actions, ratings, leads, recommendations', () => {
    const original = PlanDraft.parse(samplePlanDraft);
    expect(dated.sections).toHaveLength(SAMPLE_FACTS.sections);
    expect(actionsOf(dated)).toHaveLength(SAMPLE_FACTS.actions);
    const strip = (d: typeof original) =>
      actionsOf(d).map((a) => ({
        ref: a.reference,
        leads: a.leads,
        recs: a.recommendations,
        levels: a.ratings.map((r) => r.level),
        progress: a.progress.length,
      }));
    expect(strip(dated)).toEqual(strip(original));
    expect(dated.recommendations.map((r) => r.label)).toEqual(original.recommendations.map((r) => r.label));
  });

  it('moves every due date by the same months, keeping its kind', () => {
    const original = actionsOf(PlanDraft.parse(samplePlanDraft));
    actionsOf(dated).forEach((a, i) => {
      const was = parseDue(original[i]!.dueText);
      const now = parseDue(a.dueText);
      expect(now.kind, `${a.reference} ${a.dueText}`).toBe(was.kind);
      const end = dueEnd(was);
      expect(dueEnd(now)).toBe(end === null ? null : shiftIsoDate(end, 9));
    });
  });

  it('shows the overdue actions it was written with, not the 16 a stale sample would show', () => {
    const overdue = (draft: PlanDraft, today: string) =>
      computeSummary(treeFromDraft(draft), { today })
        .actions.filter((a) => a.overdue)
        .map((a) => a.reference);
    expect(overdue(samplePlanDraft, '2026-11-22')).toHaveLength(16);
    expect(overdue(samplePlanForToday('2026-11-22'), '2026-11-22')).toEqual(overdue(samplePlanDraft, '2026-02-22'));
    expect(overdue(samplePlanForToday('2026-11-22'), '2026-11-22')).toEqual(['2.3', '3.1', '5.1']);
  });

  it('for any today, the current period is the latest one ending on or before it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const today = d.toISOString().slice(0, 10);
          const draft = PlanDraft.parse(samplePlanForToday(today));
          const current = draft.periods.find((p) => p.label === draft.currentPeriod)!;
          const next = draft.periods[draft.periods.indexOf(current) + 1]!;
          expect(current.endDate! <= today).toBe(true);
          expect(next.endDate! > today).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves samplePlanDraft as written, and changes nothing when no shift is needed', () => {
    expect(JSON.stringify(samplePlanDraft)).toBe(before);
    expect(samplePlanForToday('2026-02-13')).toBe(samplePlanDraft);
  });

  it('refuses a today that is not YYYY-MM-DD', () => {
    expect(() => samplePlanForToday('22/11/2026')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { PlanDraft } from '../../shared/draft';
import { latestValue } from '../../shared/indicators';
import { samplePlanForToday } from '../../shared/samples/dated-sample';
import { SAMPLE_FACTS, samplePlanDraft } from '../../shared/samples/sample-plan';

describe('the sample plan’s indicators', () => {
  const d = PlanDraft.parse(samplePlanDraft);

  it('gives every section realistic indicators, missing values with notes and never 0', () => {
    expect(d.sections.every((s) => s.indicators.length >= 2)).toBe(true);
    const all = d.sections.flatMap((s) => s.indicators);
    expect(all).toHaveLength(SAMPLE_FACTS.indicators);
    expect(new Set(all.map((i) => i.unit))).toEqual(new Set(['percent', 'days', 'count']));
    expect(new Set(all.map((i) => i.polarity))).toEqual(new Set(['higher-is-better', 'lower-is-better']));
    expect(new Set(all.map((i) => i.yearToDate))).toEqual(new Set(['latest', 'sum', 'mean']));
    for (const i of all) {
      expect(i.values.map((v) => v.label)).toEqual([
        'Jul 2025',
        'Aug 2025',
        'Sep 2025',
        'Oct 2025',
        'Nov 2025',
        'Dec 2025',
        'Jan 2026',
      ]);
      for (const v of i.values) if (v.value === null) expect(v.note).not.toBe('');
      expect(i.values.some((v) => v.value === 0)).toBe(false);
    }
  });

  it('agrees with the figures its progress text quotes for December', () => {
    const byName = (name: string) => d.sections.flatMap((s) => s.indicators).find((i) => i.name.startsWith(name))!;
    expect(latestValue(byName('Audits graded good or better'))).toMatchObject({ label: 'Dec 2025', value: 68 });
    expect(latestValue(byName('Contacts screened within 24 hours'))).toMatchObject({ value: 72 });
    expect(latestValue(byName('Re-referrals within 12 months'))).toMatchObject({ value: 17 });
    expect(latestValue(byName('Agency social workers'))).toMatchObject({ value: 19 });
  });

  it('is dated with the rest of the sample', () => {
    const shifted = PlanDraft.parse(samplePlanForToday('2026-11-22'));
    const first = shifted.sections[0]!.indicators[0]!;
    expect(first.values.map((v) => v.label)).toEqual([
      'Apr 2026',
      'May 2026',
      'Jun 2026',
      'Jul 2026',
      'Aug 2026',
      'Sept 2026',
      'Oct 2026',
    ]);
    expect(shifted.periods.map((p) => p.label)).toContain('October 2026');
  });
});

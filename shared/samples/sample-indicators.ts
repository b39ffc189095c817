/**
 * The sample plan's performance indicators, per section number: invented figures in the shape of a real
 * children's services performance table (baseline year, statistical-neighbour average, target, monthly
 * values July to January with the latest month still being collated). Figures quoted in the sample's
 * progress text ("Currently 68% of audits graded good or better [December data]") agree with these.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import type { IndicatorDraft } from '../draft';

/** The months shown, as written (the dated sample moves them with the rest of the plan). */
export const SAMPLE_INDICATOR_MONTHS = [
  'Jul 2025',
  'Aug 2025',
  'Sep 2025',
  'Oct 2025',
  'Nov 2025',
  'Dec 2025',
  'Jan 2026',
] as const;
const COLLATING = 'Data being collated';
const QUARTERLY = 'Only collected quarterly';

/** Monthly values in order; a string is a missing value with that note. */
function months(...values: (number | string)[]): NonNullable<IndicatorDraft['values']> {
  return values.map((v, i) =>
    typeof v === 'number'
      ? { label: SAMPLE_INDICATOR_MONTHS[i]!, value: v, note: '' }
      : { label: SAMPLE_INDICATOR_MONTHS[i]!, value: null, note: v },
  );
}

export const SAMPLE_INDICATORS: Record<string, IndicatorDraft[]> = {
  '1': [
    {
      name: 'Children’s files with management oversight recorded in the last month',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2024-25',
      baseline: 71,
      snAverage: 78,
      target: 90,
      values: months(74, 76, 79, 82, 84, 86, COLLATING),
      notes: 'From the monthly case file audit sample.',
    },
    {
      name: 'Managers attending the practice leadership forum',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2024-25',
      snAverage: null,
      target: 80,
      yearToDate: 'mean',
      values: months(80, 84, 88, 86, 87, 85, COLLATING),
      notes: 'No statistical-neighbour figure is published.',
    },
  ],
  '2': [
    {
      name: 'Audits graded good or better',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2024-25',
      baseline: 58,
      snAverage: 70,
      target: 75,
      values: months(60, 62, 'Paused for training', 64, 66, 68, COLLATING),
    },
    {
      name: 'Supervision within timescale',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2024-25',
      baseline: 84,
      snAverage: 86,
      target: 90,
      values: months(88, 89, 90, 91, 86, 81, COLLATING),
      notes: 'Fell in December with two team manager vacancies.',
    },
    {
      name: 'Child protection plans lasting two years or more',
      unit: 'percent',
      polarity: 'lower-is-better',
      baselineLabel: '2024-25',
      baseline: 4.6,
      snAverage: 3.1,
      target: 2,
      values: months(4.2, 4, 3.8, 3.9, 3.5, 3.2, COLLATING),
    },
  ],
  '3': [
    {
      name: 'Contacts screened within 24 hours',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2024-25',
      baseline: 88,
      snAverage: 92,
      target: 95,
      values: months(86, 85, 85, 84, 78, 72, COLLATING),
      notes: 'Contacts rose by 30% between September and December.',
    },
    {
      name: 'Assessments completed within 45 working days',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2024-25',
      baseline: 79.2,
      snAverage: 86.5,
      target: 90,
      values: months(82.4, 84.1, 86, 87.3, 88.9, 90.2, COLLATING),
    },
    {
      name: 'Re-referrals within 12 months',
      unit: 'percent',
      polarity: 'lower-is-better',
      baselineLabel: '2024-25',
      baseline: 23.4,
      snAverage: 21.9,
      target: 20,
      values: months(21.5, 20.8, 19.6, 18.9, 18.2, 17, COLLATING),
    },
  ],
  '4': [
    {
      name: 'Initial health assessments within 20 working days',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2024-25',
      baseline: 52,
      snAverage: 74,
      target: 90,
      values: months(50, 47, 51, 48, 62, 71, COLLATING),
    },
    {
      name: 'Average days from application to final order in care proceedings',
      unit: 'days',
      polarity: 'lower-is-better',
      baselineLabel: '2024-25',
      baseline: 301,
      snAverage: 268,
      target: 182,
      yearToDate: 'mean',
      values: months(295, 288, 290, 276, 270, 264, COLLATING),
      notes: 'The national expectation is 26 weeks (182 days).',
    },
    {
      name: 'Care leavers aged 19 to 21 in education, employment or training',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2024-25',
      baseline: 49,
      snAverage: 55.3,
      target: 60,
      values: months(QUARTERLY, QUARTERLY, 52, QUARTERLY, QUARTERLY, 54, QUARTERLY),
    },
  ],
  '5': [
    {
      name: 'Return home interviews offered within 72 hours',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2024-25',
      baseline: 55,
      snAverage: 78,
      target: 90,
      values: months(58, 61, 66, 70, 73, 77, COLLATING),
    },
    {
      name: 'Episodes of children missing from home or care',
      unit: 'count',
      polarity: 'lower-is-better',
      baselineLabel: '2024-25',
      baseline: 512,
      yearToDate: 'sum',
      values: months(41, 38, 45, 39, 36, 33, COLLATING),
      notes: 'Year to date is the total of episodes since July.',
    },
  ],
  '6': [
    {
      name: 'Average caseload per social worker',
      unit: 'count',
      polarity: 'lower-is-better',
      baselineLabel: '2024-25',
      baseline: 21.3,
      snAverage: 16.9,
      target: 18,
      values: months(21, 20.6, 20.1, 19.8, 19.2, 18.7, 18.4),
      notes: 'Weekly caseload report; the figure is the last week of the month.',
    },
    {
      name: 'Agency social workers as a share of social work posts',
      unit: 'percent',
      polarity: 'lower-is-better',
      baselineLabel: '2024-25',
      baseline: 27,
      snAverage: 15.5,
      target: 15,
      values: months(26, 25, 25, 24, 21, 19, COLLATING),
    },
  ],
};

/**
 * Hand-made plans for the exporter tests: the rounding cases of domain.md (section means 3.25 -> "3.3",
 * 2.75 -> "2.8", a section with nothing rated -> "–"), shared objectives and actions for merging, leads
 * for a lead's return, internal notes, a red rating with its explanation, and pasted control characters.
 */
import type { ActionDraft, PlanDraft } from '../../shared/draft';
import { SCALE_PRESETS } from '../../shared/ratings';

export const P1 = 'RAG 01/18';
export const P2 = 'RAG 03/18';

const rated = (
  reference: string,
  prev: string | null,
  curr: string | null,
  extra: Partial<ActionDraft> = {},
): ActionDraft => ({
  reference,
  description: `Action ${reference}`,
  outcome: `Outcome ${reference}`,
  dueText: 'March 2018',
  leads: [{ name: 'Sam Smith Service Lead' }],
  ratings: [...(prev ? [{ period: P1, level: prev }] : []), ...(curr ? [{ period: P2, level: curr }] : [])],
  progress: [{ period: P2, body: `On track.\nUpdate for ${reference}.` }],
  ...extra,
});

export const INTERNAL_PROGRESS = 'Asked John Cooke; do not record';
export const INTERNAL_NOTE = 'Do not record: waiting for finance sign-off';
export const CONTROL_TEXT = 'Pasted\u0001text\u000bwith\u0008controls\uD800 and a lone surrogate\u001F end';

export const roundingDraft: PlanDraft = {
  title: 'Children’s Social Care Development Plan',
  organisation: 'Testshire County Council',
  service: 'Children’s Services',
  planPeriod: '2017-19',
  template: 'development',
  appendixNumber: 2,
  introduction: 'First paragraph of the introduction.\nSecond paragraph.',
  governance: 'Overseen by the Improvement Board; reported monthly.',
  recommendationsHeading: 'Ofsted recommendations',
  scale: SCALE_PRESETS['five-level'].levels.map((l) => ({ ...l })),
  periods: [
    { label: P1, startDate: '2018-01-01', endDate: '2018-01-31' },
    { label: P2, startDate: '2018-02-01', endDate: '2018-03-31' },
  ],
  currentPeriod: P2,
  comparePeriod: P1,
  recommendations: [
    { number: 1, label: 'Ofsted 1', text: 'Improve the timeliness of assessments.' },
    { number: 2, label: 'Ofsted 2', text: 'Strengthen management oversight.' },
  ],
  sections: [
    {
      number: '1',
      title: 'Rounds up to 3.3',
      actions: [
        rated('1.1', '3', '3', {
          objective: 'Shared outcome',
          description: 'Shared action',
          recommendations: ['Ofsted 1'],
          leads: [{ name: 'Jo Bloggs AD' }],
        }),
        rated('1.2', '3', '3', { objective: 'Shared outcome', description: 'Shared action' }),
        rated('1.3', '3', '3', { objective: 'Shared outcome', description: 'Different action' }),
        rated('1.4', '3', '4', {
          objective: 'Shared outcome',
          notes: INTERNAL_NOTE,
          progress: [
            { period: P2, body: 'Earlier update in the period.' },
            { period: P2, body: 'Latest update in the period.' },
            { period: P2, body: INTERNAL_PROGRESS, internal: true },
          ],
        }),
      ],
    },
    {
      number: '2',
      title: 'Rounds up to 2.8',
      actions: [
        rated('2.1', '2', '3', { leads: [{ name: 'Jo Bloggs AD' }, { name: 'Sam Smith Service Lead' }] }),
        rated('2.2', '2', '3'),
        rated('2.3', '2', '2', {}),
        rated('2.4', '2', '3'),
      ].map((a) =>
        a.reference === '2.3'
          ? {
              ...a,
              ratings: [
                { period: P1, level: '2' },
                {
                  period: P2,
                  level: '2',
                  explanation: 'Staff shortage in the team',
                  correctiveAction: 'Agency social workers engaged',
                },
              ],
            }
          : a,
      ),
    },
    {
      number: '3',
      title: `Nothing rated ${CONTROL_TEXT}`,
      description: CONTROL_TEXT,
      actions: [
        rated('3.1', null, null, { description: CONTROL_TEXT, progress: [{ period: P2, body: CONTROL_TEXT }] }),
      ],
    },
  ],
};

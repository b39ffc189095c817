/**
 * Converts the 2020 continuous development plan fixture (`plan-sample/v1` JSON, see
 * /work/shared/fixtures/continuous-development-plan-2020.json) into a PlanDraft. This is the expected-value
 * builder for the importer and exporter tests: what a faithful import of that plan should produce.
 *
 * Mapping: one section per theme (number as text), one action per item (reference = `ref`, objective,
 * description = `action`, outcome, dueText = `by_when` exactly as typed, one lead per paragraph of the lead
 * cell, the progress text as one update in the single period "2020"). Null cells become "". The item's
 * `notes` are extraction notes, not the author's, so they are dropped. Recommendations come from
 * `inspection.recommendations` and are linked both from `addressed_by` and from the item's own
 * `ofsted_recommendation`. The scale is the four-level colour key with the fixture's own definitions.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import { z } from 'zod';
import type { ActionDraft, PlanDraft } from './draft';
import { SCALE_PRESETS } from './ratings';

/** The single reporting period of the 2020 plan. */
export const FIXTURE_2020_PERIOD = '2020';

export type Colour2020 = 'Red' | 'Amber' | 'Green' | 'Blue';

const Cell = z.string().nullable().optional();

const Item = z.object({
  ref: z.string(),
  ofsted_recommendation: z
    .object({ label: z.string(), number: z.number().int().nullable().optional() })
    .nullable()
    .optional(),
  objective: Cell,
  action: Cell,
  outcome: Cell,
  progress: Cell,
  by_when: Cell,
  lead: Cell,
});

/** The parts of the fixture format this converter reads (everything else is ignored). */
export const Fixture2020 = z.object({
  organisation: z.string(),
  title: z.string(),
  inspection: z
    .object({
      heading: z.string().default(''),
      grading_statement: z.string().default(''),
      additional_statement: z.string().default(''),
      recommendations: z
        .array(
          z.object({
            number: z.number().int().nullable(),
            plan_label: z.string(),
            text: z.string(),
            addressed_by: z.array(z.string()).default([]),
          }),
        )
        .default([]),
    })
    .optional(),
  rag_key: z.object({ levels: z.array(z.object({ order: z.number().int(), definition: z.string() })) }).optional(),
  sections: z.array(z.object({ number: z.union([z.number(), z.string()]), title: z.string(), items: z.array(Item) })),
});
export type Fixture2020 = z.infer<typeof Fixture2020>;

const text = (cell: string | null | undefined): string => cell ?? '';

/** "Thurrock Council (Children's Services)" -> organisation and service. */
function splitOrganisation(s: string): { organisation: string; service: string } {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(s);
  return m
    ? { organisation: (m[1] ?? '').trim(), service: (m[2] ?? '').trim() }
    : { organisation: s.trim(), service: '' };
}

/**
 * The fixture as a PlanDraft (template 'continuous', four-level scale keyed R/A/G/B, one period "2020").
 * `ratings` (reference -> colour, as in continuous-development-plan-2020-rated.expected.json) rates actions
 * in that period. Throws a ZodError when `json` is not in the fixture format, and an Error for a rating
 * colour that is not Red, Amber, Green or Blue.
 */
export function draftFromFixture2020(json: unknown, ratings?: Readonly<Record<string, Colour2020>>): PlanDraft {
  const fx = Fixture2020.parse(json);
  const preset = SCALE_PRESETS['four-level-colour'].levels;
  const definitions = new Map((fx.rag_key?.levels ?? []).map((l) => [l.order, l.definition]));
  const scale = preset.map((l, i) => {
    const { excludedFromMean: _omit, ...rest } = l;
    return { ...rest, definition: definitions.get(i + 1) ?? l.definition };
  });
  const keyByLabel = new Map(scale.map((l) => [l.label, l.key]));

  const recs = fx.inspection?.recommendations ?? [];
  const recsByRef = new Map<string, string[]>();
  const link = (ref: string, label: string): void => {
    const list = recsByRef.get(ref) ?? [];
    if (!list.includes(label)) list.push(label);
    recsByRef.set(ref, list);
  };
  for (const r of recs) for (const ref of r.addressed_by) link(ref, r.plan_label);
  for (const s of fx.sections)
    for (const it of s.items) if (it.ofsted_recommendation) link(it.ref, it.ofsted_recommendation.label);

  const { organisation, service } = splitOrganisation(fx.organisation);
  const intro = [fx.inspection?.grading_statement ?? '', fx.inspection?.additional_statement ?? '']
    .filter((t) => t !== '')
    .join('\n');

  return {
    title: fx.title,
    organisation,
    service,
    planPeriod: FIXTURE_2020_PERIOD,
    template: 'continuous',
    introduction: intro,
    recommendationsHeading: fx.inspection?.heading ?? '',
    scale,
    periods: [{ label: FIXTURE_2020_PERIOD }],
    currentPeriod: FIXTURE_2020_PERIOD,
    recommendations: recs.map((r) => ({ number: r.number, label: r.plan_label, text: r.text })),
    sections: fx.sections.map((s) => ({
      number: String(s.number),
      title: s.title,
      actions: s.items.map((it): ActionDraft => {
        const colour = ratings?.[it.ref];
        let ratingList: NonNullable<ActionDraft['ratings']> = [];
        if (colour !== undefined) {
          const key = keyByLabel.get(colour);
          if (key === undefined)
            throw new Error(`Rating for ${it.ref} must be Red, Amber, Green or Blue, not "${String(colour)}"`);
          ratingList = [{ period: FIXTURE_2020_PERIOD, level: key }];
        }
        const progress = text(it.progress);
        return {
          reference: it.ref,
          objective: text(it.objective),
          description: text(it.action),
          outcome: text(it.outcome),
          dueText: text(it.by_when),
          leads: text(it.lead)
            .split('\n')
            .map((n) => n.trim())
            .filter((n) => n !== '')
            .map((name) => ({ name, role: 'lead' as const })),
          recommendations: recsByRef.get(it.ref) ?? [],
          ratings: ratingList,
          progress: progress === '' ? [] : [{ period: FIXTURE_2020_PERIOD, body: progress }],
        };
      }),
    })),
  };
}

/**
 * PlanDraft: a whole plan described as nested plain data, written in one transaction by the store
 * (`plans:createFromDraft` in the service layer). Used by the built-in sample plan, the benchmark's large
 * plan, the importers and round-trip tests. Periods, levels and recommendations are referred to by their
 * label / key, so a draft needs no ids.
 */
import { z } from 'zod';
import {
  ColumnConfig,
  IndicatorUnit,
  IndicatorYearToDate,
  IsoDate,
  LeadRole,
  PlanTemplate,
  Polarity,
  RatingLevelInput,
  Text,
} from './model';

export const LeadDraft = z.object({ name: z.string().trim().min(1).max(500), role: LeadRole.default('lead') });

export const ActionDraft = z.object({
  reference: z.string().max(100).optional(),
  /** Objective / outcome text; actions of one section with equal text share one Objective. */
  objective: Text.optional(),
  description: Text.default(''),
  outcome: Text.default(''),
  dueText: z.string().max(500).default(''),
  notes: Text.default(''),
  archived: z.boolean().default(false),
  leads: z.array(LeadDraft).default([]),
  /** Recommendation labels ("Ofsted 1") this action answers. */
  recommendations: z.array(z.string()).default([]),
  ratings: z
    .array(
      z.object({
        period: z.string(),
        /** Level key (or label) from the draft's scale. */
        level: z.string(),
        explanation: Text.default(''),
        correctiveAction: Text.default(''),
        ratedBy: z.string().default(''),
      }),
    )
    .default([]),
  progress: z
    .array(
      z.object({
        period: z.string(),
        body: Text,
        author: z.string().default(''),
        internal: z.boolean().default(false),
      }),
    )
    .default([]),
});
export type ActionDraft = z.input<typeof ActionDraft>;

/** A performance indicator of a section; missing values are null (never zero), each may carry a note. */
export const IndicatorDraft = z.object({
  name: z.string().trim().min(1).max(500),
  unit: IndicatorUnit.default('other'),
  polarity: Polarity.default('higher-is-better'),
  baselineLabel: z.string().max(100).default(''),
  baseline: z.number().finite().nullable().default(null),
  snAverage: z.number().finite().nullable().default(null),
  target: z.number().finite().nullable().default(null),
  yearToDate: IndicatorYearToDate.default('latest'),
  values: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(100),
        value: z.number().finite().nullable(),
        note: z.string().max(2000).default(''),
      }),
    )
    .max(60)
    .default([]),
  notes: Text.default(''),
});
export type IndicatorDraft = z.input<typeof IndicatorDraft>;

export const SectionDraft = z.object({
  number: z.string().max(40).optional(),
  title: z.string().max(2000),
  description: Text.default(''),
  actions: z.array(ActionDraft).default([]),
  indicators: z.array(IndicatorDraft).default([]),
});
export type SectionDraft = z.input<typeof SectionDraft>;

export const PlanDraft = z.object({
  title: z.string().trim().min(1, 'A plan needs a title').max(500),
  organisation: z.string().max(500).default(''),
  service: z.string().max(500).default(''),
  planPeriod: z.string().max(100).default(''),
  template: PlanTemplate.default('blank'),
  introduction: Text.default(''),
  governance: Text.default(''),
  recommendationsHeading: z.string().max(2000).default(''),
  /** Omitted: the template's default columns. */
  columns: z.array(ColumnConfig).optional(),
  appendixNumber: z.number().int().min(1).max(99).default(1),
  scale: z.array(RatingLevelInput).default([]),
  periods: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(200),
        startDate: IsoDate.nullable().default(null),
        endDate: IsoDate.nullable().default(null),
        locked: z.boolean().default(false),
      }),
    )
    .default([]),
  /** Labels of the current and compare-with periods (default: last and second last). */
  currentPeriod: z.string().optional(),
  comparePeriod: z.string().optional(),
  recommendations: z
    .array(
      z.object({ number: z.number().int().nullable().default(null), label: z.string().min(1).max(200), text: Text }),
    )
    .default([]),
  sections: z.array(SectionDraft).default([]),
});
export type PlanDraft = z.input<typeof PlanDraft>;
export type PlanDraftParsed = z.output<typeof PlanDraft>;

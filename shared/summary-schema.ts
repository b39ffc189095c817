/** Output shape of the plan summary (section and overall means, counts, direction of travel). */
import { z } from 'zod';
import { Id } from './model';

export const DirectionSchema = z.enum(['improved', 'no-change', 'declined', 'new', 'not-rated']);
export type DirectionValue = z.infer<typeof DirectionSchema>;

const MeanFigure = z.object({
  /** Exact mean as a JS number for charts; null = no rated action (shown as a dash, never 0). */
  value: z.number().nullable(),
  /** Half-up to one decimal place, e.g. "3.3"; "–" when there is no mean. */
  oneDp: z.string(),
  /** Half-up to a whole number, e.g. "3"; "–" when there is no mean. */
  whole: z.string(),
});

const LevelCount = z.object({ levelId: Id, label: z.string(), colour: z.string(), count: z.number().int() });

export const SummaryGroup = z.object({
  current: MeanFigure,
  previous: MeanFigure,
  direction: DirectionSchema,
  counts: z.array(LevelCount),
  notRated: z.number().int(),
  actionCount: z.number().int(),
});

export const PlanSummary = z.object({
  planId: Id,
  periodId: Id.nullable(),
  compareId: Id.nullable(),
  periodLabel: z.string().nullable(),
  compareLabel: z.string().nullable(),
  sections: z.array(SummaryGroup.extend({ sectionId: Id, number: z.string(), title: z.string() })),
  overall: SummaryGroup,
  actions: z.array(
    z.object({
      actionId: Id,
      sectionId: Id,
      reference: z.string(),
      currentLevelId: Id.nullable(),
      previousLevelId: Id.nullable(),
      direction: DirectionSchema,
      overdue: z.boolean(),
      /** Rated at a level needing an explanation, without explanation and corrective action. */
      missingExplanation: z.boolean(),
    }),
  ),
  /** Recommendations no live action answers. */
  unansweredRecommendationIds: z.array(Id),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

/**
 * An in-memory PlanTree from a PlanDraft, without a database: for unit tests of pure code (summary, views,
 * exporter) that need a realistic tree. The store's `plans:createFromDraft` is the real implementation;
 * this follows the same draft rules (draft.ts): template columns when none are given, levels by key or
 * label, actions of one section with equal objective text share one Objective, current period defaults to the
 * last period and the compare period to the one before the current.
 *
 * Ids are deterministic UUID-shaped strings (a counter); timestamps are `now`, except progress updates,
 * which are 1 ms apart in draft order (later in the draft = newer).
 *
 * Pure TypeScript: no Node, no DOM.
 */
import { PlanDraft } from '../draft';
import type {
  Action,
  Indicator,
  Lead,
  Objective,
  PlanTree,
  ProgressUpdate,
  Rating,
  RatingLevel,
  Recommendation,
  ReportingPeriod,
  Section,
} from '../model';
import { templateColumns } from '../templates';

export interface TreeFromDraftOptions {
  /** ISO timestamp used for every createdAt/updatedAt (default 2026-01-15T09:00:00.000Z). */
  now?: string;
  /** First id counter value (default 1); use different values for several trees in one test. */
  idStart?: number;
}

/** Builds a PlanTree from a draft. Throws a ZodError for an invalid draft and an Error for unknown labels. */
export function treeFromDraft(input: PlanDraft, opts: TreeFromDraftOptions = {}): PlanTree {
  const draft = PlanDraft.parse(input);
  const now = opts.now ?? '2026-01-15T09:00:00.000Z';
  let counter = opts.idStart ?? 1;
  const id = (): string => `00000000-0000-4000-8000-${(counter++).toString(16).padStart(12, '0')}`;
  const planId = id();

  const levels: RatingLevel[] = draft.scale.map((l, position) => ({
    id: id(),
    planId,
    position,
    key: l.key,
    label: l.label,
    colour: l.colour,
    value: l.value,
    definition: l.definition,
    countsAsComplete: l.countsAsComplete,
    canBeRemoved: l.canBeRemoved,
    requiresExplanation: l.requiresExplanation,
    updatedAt: now,
    deletedAt: null,
  }));
  const levelFor = (keyOrLabel: string): RatingLevel => {
    const found = levels.find((l) => l.key === keyOrLabel) ?? levels.find((l) => l.label === keyOrLabel);
    if (!found) throw new Error(`Unknown rating level "${keyOrLabel}"`);
    return found;
  };

  const periods: ReportingPeriod[] = draft.periods.map((p, position) => ({
    id: id(),
    planId,
    position,
    label: p.label,
    startDate: p.startDate,
    endDate: p.endDate,
    locked: p.locked,
    lockedAt: p.locked ? now : null,
    updatedAt: now,
    deletedAt: null,
  }));
  const periodFor = (label: string): ReportingPeriod => {
    const found = periods.find((p) => p.label === label);
    if (!found) throw new Error(`Unknown reporting period "${label}"`);
    return found;
  };

  const recommendations: Recommendation[] = draft.recommendations.map((r, position) => ({
    id: id(),
    planId,
    position,
    number: r.number,
    label: r.label,
    text: r.text,
    updatedAt: now,
    deletedAt: null,
  }));
  const recFor = (label: string): string => {
    const found = recommendations.find((r) => r.label === label);
    if (!found) throw new Error(`Unknown recommendation "${label}"`);
    return found.id;
  };

  const sections: Section[] = [];
  const objectives: Objective[] = [];
  const actions: Action[] = [];
  const ratings: Rating[] = [];
  const progress: ProgressUpdate[] = [];
  const indicators: Indicator[] = [];
  draft.sections.forEach((s, sIndex) => {
    const sectionId = id();
    for (const ind of s.indicators)
      indicators.push({
        ...ind,
        id: id(),
        planId,
        sectionId,
        position: indicators.length,
        updatedAt: now,
        deletedAt: null,
      });
    const number = s.number ?? String(sIndex + 1);
    sections.push({
      id: sectionId,
      planId,
      position: sIndex,
      number,
      numberManual: s.number !== undefined,
      title: s.title,
      description: s.description,
      archived: false,
      updatedAt: now,
      deletedAt: null,
    });
    const objectiveByText = new Map<string, Objective>();
    s.actions.forEach((a, aIndex) => {
      const actionId = id();
      let objectiveId: string | null = null;
      if (a.objective !== undefined && a.objective.trim() !== '') {
        let o = objectiveByText.get(a.objective);
        if (!o) {
          o = {
            id: id(),
            planId,
            sectionId,
            position: objectiveByText.size,
            title: a.objective,
            archived: false,
            updatedAt: now,
            deletedAt: null,
          };
          objectiveByText.set(a.objective, o);
          objectives.push(o);
        }
        objectiveId = o.id;
      }
      const leads: Lead[] = a.leads.map((l, position) => ({
        id: id(),
        actionId,
        position,
        name: l.name,
        personId: null,
        role: l.role,
      }));
      // The draft's fields named as the action's (text, due date, notes, archived, a new one) go straight in.
      const { objective: _o, leads: _l, recommendations: _r, ratings: _ra, progress: _p, reference, ...fields } = a;
      actions.push({
        ...fields,
        id: actionId,
        planId,
        sectionId,
        objectiveId,
        position: aIndex,
        reference: reference ?? `${number}.${aIndex + 1}`,
        referenceManual: reference !== undefined,
        dueHistory: [],
        leads,
        recommendationIds: a.recommendations.map(recFor),
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      });
      for (const r of a.ratings) {
        ratings.push({
          id: id(),
          actionId,
          periodId: periodFor(r.period).id,
          levelId: levelFor(r.level).id,
          explanation: r.explanation,
          correctiveAction: r.correctiveAction,
          ratedBy: r.ratedBy,
          ratedAt: now,
          updatedAt: now,
        });
      }
      for (const p of a.progress) {
        // One millisecond apart in draft order, so later updates in the draft are newer.
        const at = new Date(Date.parse(now) + progress.length).toISOString();
        progress.push({
          id: id(),
          actionId,
          periodId: periodFor(p.period).id,
          body: p.body,
          author: p.author,
          internal: p.internal,
          createdAt: at,
          updatedAt: at,
          deletedAt: null,
        });
      }
    });
  });

  const current = draft.currentPeriod !== undefined ? periodFor(draft.currentPeriod) : periods.at(-1);
  const compare =
    draft.comparePeriod !== undefined
      ? periodFor(draft.comparePeriod)
      : current
        ? periods[periods.indexOf(current) - 1]
        : undefined;

  return {
    plan: {
      id: planId,
      title: draft.title,
      organisation: draft.organisation,
      service: draft.service,
      planPeriod: draft.planPeriod,
      template: draft.template,
      introduction: draft.introduction,
      governance: draft.governance,
      recommendationsHeading: draft.recommendationsHeading,
      columns: draft.columns ?? templateColumns(draft.template),
      appendixNumber: draft.appendixNumber,
      currentPeriodId: current?.id ?? null,
      comparePeriodId: compare?.id ?? null,
      archived: false,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    },
    levels,
    periods,
    recommendations,
    sections,
    objectives,
    actions,
    ratings,
    progress,
    indicators,
  };
}

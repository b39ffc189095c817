/**
 * Writing a whole plan from a `PlanDraft` (sample plan, importers, benchmark) in ONE transaction: any
 * error writes nothing. Also the row builders that plan creation and duplication share.
 */
import { PlanDraft, type PlanDraftParsed } from '../../shared/draft';
import type { ColumnConfig, Plan, RatingLevelInput } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { templateColumns } from '../../shared/templates';
import { zodIssues } from '../../shared/dispatch';
import { audit, bool, newId, write, type WriteCtx } from '../sql';
import { linkId, ratingId } from '../ids';
import { insertRow } from '../tables';
import { actionInsert } from '../rows';
import type { Store } from '../store';
import { keyForIndex, loadPlan } from './common';

type LevelIn = Omit<RatingLevelInput, 'colour'> & { colour: string };

/** Inserts a rating level row; returns its id. */
export function insertLevel(
  w: WriteCtx,
  planId: string,
  level: LevelIn,
  position: number,
  id: string = newId(),
): string {
  insertRow(w.store, 'rating_levels', {
    id,
    plan_id: planId,
    position,
    key: level.key,
    label: level.label.trim(),
    colour: level.colour.replace('#', '').toUpperCase(),
    value: level.value,
    definition: level.definition,
    counts_as_complete: bool(level.countsAsComplete),
    can_be_removed: bool(level.canBeRemoved),
    requires_explanation: bool(level.requiresExplanation),
    updated_at: w.at,
    deleted_at: null,
  });
  return id;
}

export interface NewPlanFields {
  title: string;
  organisation: string;
  service: string;
  planPeriod: string;
  template: Plan['template'];
  introduction: string;
  governance: string;
  recommendationsHeading: string;
  columns: ColumnConfig[];
  appendixNumber: number;
}

/** Inserts a plan row (no audit); returns its id. */
export function insertPlan(w: WriteCtx, p: NewPlanFields, id: string = newId()): string {
  insertRow(w.store, 'plans', {
    id,
    title: p.title,
    organisation: p.organisation,
    service: p.service,
    plan_period: p.planPeriod,
    template: p.template,
    introduction: p.introduction,
    governance: p.governance,
    recommendations_heading: p.recommendationsHeading,
    columns_json: JSON.stringify(p.columns),
    appendix_number: p.appendixNumber,
    current_period_id: null,
    compare_period_id: null,
    archived: 0,
    created_at: w.at,
    updated_at: w.at,
    deleted_at: null,
  });
  return id;
}

function byLabel<T>(map: Map<string, T>, label: string, what: string): T {
  const found = map.get(label) ?? map.get(label.trim().toLowerCase());
  if (found === undefined)
    throw new DomainError('invalid_input', `The plan refers to ${what} "${label}", which it does not define.`);
  return found;
}

/** Writes a parsed draft inside the current write; returns the new plan id. */
export function writeDraft(w: WriteCtx, d: PlanDraftParsed): string {
  const planId = insertPlan(w, {
    title: d.title,
    organisation: d.organisation,
    service: d.service,
    planPeriod: d.planPeriod,
    template: d.template,
    introduction: d.introduction,
    governance: d.governance,
    recommendationsHeading: d.recommendationsHeading,
    columns: d.columns ?? templateColumns(d.template),
    appendixNumber: d.appendixNumber,
  });

  const levels = new Map<string, string>();
  const seenKeys = new Set<string>();
  d.scale.forEach((l, i) => {
    if (seenKeys.has(l.key))
      throw new DomainError('invalid_input', `The rating scale has two levels with the key "${l.key}".`);
    seenKeys.add(l.key);
    const id = insertLevel(w, planId, l, i);
    levels.set(l.key, id);
    if (!levels.has(l.label)) levels.set(l.label, id);
    levels.set(l.key.toLowerCase(), id);
    if (!levels.has(l.label.toLowerCase())) levels.set(l.label.toLowerCase(), id);
  });

  const periods = new Map<string, { id: string; locked: boolean }>();
  d.periods.forEach((p, i) => {
    if (periods.has(p.label))
      throw new DomainError('invalid_input', `The plan has two reporting periods called "${p.label}".`);
    const id = newId();
    insertRow(w.store, 'reporting_periods', {
      id,
      plan_id: planId,
      position: i,
      label: p.label,
      start_date: p.startDate,
      end_date: p.endDate,
      locked: 0,
      locked_at: null,
      updated_at: w.at,
      deleted_at: null,
    });
    periods.set(p.label, { id, locked: p.locked });
  });
  const periodIds = [...periods.values()].map((p) => p.id);
  const current =
    d.currentPeriod !== undefined
      ? byLabel(periods, d.currentPeriod, 'the reporting period').id
      : (periodIds[periodIds.length - 1] ?? null);
  const compare =
    d.comparePeriod !== undefined
      ? byLabel(periods, d.comparePeriod, 'the reporting period').id
      : current === null
        ? null
        : (periodIds[periodIds.indexOf(current) - 1] ?? null);
  w.store.sqlite
    .prepare('UPDATE plans SET current_period_id = ?, compare_period_id = ? WHERE id = ?')
    .run(current, compare, planId);

  const recs = new Map<string, string>();
  d.recommendations.forEach((r, i) => {
    const id = newId();
    insertRow(w.store, 'recommendations', {
      id,
      plan_id: planId,
      position: i,
      number: r.number,
      label: r.label.trim(),
      text: r.text,
      updated_at: w.at,
      deleted_at: null,
    });
    recs.set(r.label.trim(), id);
  });

  let indicatorPosition = 0;
  d.sections.forEach((s, si) => {
    const sectionId = newId();
    const manualNumber = s.number !== undefined && s.number.trim() !== '' && s.number.trim() !== String(si + 1);
    const number = s.number?.trim() || String(si + 1);
    insertRow(w.store, 'sections', {
      id: sectionId,
      plan_id: planId,
      position: si,
      order_key: keyForIndex(si),
      number,
      number_manual: bool(manualNumber),
      title: s.title,
      description: s.description,
      archived: 0,
      updated_at: w.at,
      deleted_at: null,
    });
    s.indicators.forEach((ind) =>
      insertRow(w.store, 'indicators', {
        id: newId(),
        plan_id: planId,
        section_id: sectionId,
        position: indicatorPosition++,
        name: ind.name,
        unit: ind.unit,
        polarity: ind.polarity,
        baseline_label: ind.baselineLabel,
        baseline: ind.baseline,
        sn_average: ind.snAverage,
        target: ind.target,
        year_to_date: ind.yearToDate,
        values_json: JSON.stringify(ind.values),
        notes: ind.notes,
        updated_at: w.at,
        deleted_at: null,
      }),
    );
    const prefix = number.split(/\s+/)[0] || String(si + 1);
    const objectives = new Map<string, string>();
    s.actions.forEach((a, ai) => {
      let objectiveId: string | null = null;
      const objectiveText = a.objective?.trim() ?? '';
      if (objectiveText) {
        objectiveId = objectives.get(objectiveText) ?? null;
        if (!objectiveId) {
          objectiveId = newId();
          insertRow(w.store, 'objectives', {
            id: objectiveId,
            plan_id: planId,
            section_id: sectionId,
            position: objectives.size,
            order_key: keyForIndex(objectives.size),
            title: a.objective ?? '',
            archived: 0,
            updated_at: w.at,
            deleted_at: null,
          });
          objectives.set(objectiveText, objectiveId);
        }
      }
      const actionId = newId();
      const auto = `${prefix}.${ai + 1}`;
      const reference = a.reference?.trim() || auto;
      insertRow(
        w.store,
        'actions',
        // The draft's fields named as the action's (text, due date, notes, archived, a new one) go straight in.
        actionInsert(
          {
            ...a,
            id: actionId,
            planId,
            sectionId,
            objectiveId,
            position: ai,
            reference,
            referenceManual: reference !== auto,
            createdAt: w.at,
          },
          keyForIndex(ai),
        ),
      );
      a.leads.forEach((l, li) =>
        insertRow(w.store, 'action_leads', {
          id: newId(),
          plan_id: planId,
          action_id: actionId,
          position: li,
          name: l.name,
          person_id: null,
          role: l.role,
          updated_at: w.at,
          deleted_at: null,
        }),
      );
      for (const label of new Set(a.recommendations.map((r) => r.trim()))) {
        const recId = byLabel(recs, label, 'the recommendation');
        insertRow(w.store, 'action_recommendations', {
          id: linkId(actionId, recId),
          plan_id: planId,
          action_id: actionId,
          recommendation_id: recId,
          updated_at: w.at,
          deleted_at: null,
        });
      }
      const ratedPeriods = new Set<string>();
      for (const r of a.ratings) {
        const period = byLabel(periods, r.period, 'the reporting period');
        if (ratedPeriods.has(period.id))
          throw new DomainError('invalid_input', `Action ${reference} has two ratings for "${r.period}".`);
        ratedPeriods.add(period.id);
        const level =
          r.level.trim() === '' || r.level.trim() === '0' ? null : byLabel(levels, r.level.trim(), 'the rating level');
        insertRow(w.store, 'ratings', {
          id: ratingId(actionId, period.id),
          plan_id: planId,
          action_id: actionId,
          period_id: period.id,
          level_id: level,
          explanation: r.explanation,
          corrective_action: r.correctiveAction,
          rated_by: r.ratedBy,
          rated_at: w.at,
          updated_at: w.at,
        });
      }
      for (const p of a.progress) {
        const period = byLabel(periods, p.period, 'the reporting period');
        insertRow(w.store, 'progress_updates', {
          id: newId(),
          plan_id: planId,
          action_id: actionId,
          period_id: period.id,
          body: p.body,
          author: p.author,
          internal: bool(p.internal),
          created_at: w.at,
          updated_at: w.at,
          deleted_at: null,
        });
      }
    });
  });

  // Lock periods last, so the draft's own ratings and progress could be written into them.
  for (const p of periods.values())
    if (p.locked)
      w.store.sqlite.prepare('UPDATE reporting_periods SET locked = 1, locked_at = ? WHERE id = ?').run(w.at, p.id);
  audit(w, planId, 'plan', planId, 'create', null, null, d.title);
  return planId;
}

/**
 * Parses `draft` with the zod PlanDraft schema and writes the whole plan in one transaction.
 * Bad input throws DomainError('invalid_input') and writes nothing.
 */
export function createPlanFromDraft(store: Store, draft: unknown, actor: string = store.actor()): Plan {
  const parsed = PlanDraft.safeParse(draft);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const first = issues[0];
    throw new DomainError(
      'invalid_input',
      first
        ? `The plan could not be created: ${first.message}${first.path ? ` (${first.path})` : ''}.`
        : 'The plan could not be created.',
      issues,
    );
  }
  return write(store, actor, (w) => loadPlan(store, writeDraft(w, parsed.data)));
}

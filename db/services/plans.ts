/** Plans: the library list, create from a template, update, archive, trash/restore/purge, duplicate. */
import type { ParsedInputOf } from '../../shared/contract';
import type { Plan, PlanListItem, ScalePresetId } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { TEMPLATES, templateColumns, templateScale } from '../../shared/templates';
import { isEffectivelyArchived } from '../../shared/tree';
import { getPlanTree } from '../tree';
import { all, audit, auditChanges, must, newId, prepare, write, bool } from '../sql';
import { linkId, ratingId } from '../ids';
import { insertRow, updateRow, type PatchOf } from '../tables';
import { actionInsert } from '../rows';
import type { Store } from '../store';
import { keyForIndex, livePlan, loadPlan, loadPlanAny, planRow } from './common';
import { insertLevel, insertPlan } from './drafts';

/**
 * Every action the library counts, with its plan: not deleted, in a live section, and not effectively
 * archived by THE rule (shared/tree.ts `isEffectivelyArchived`), applied to the few columns it reads.
 */
function liveActionIds(store: Store): Map<string, string> {
  const flags = (table: 'sections' | 'objectives') =>
    new Map(
      (
        prepare(store.sqlite, `SELECT id, archived FROM ${table} WHERE deleted_at IS NULL`).all() as {
          id: string;
          archived: number;
        }[]
      ).map((r) => [r.id, { archived: r.archived === 1 }]),
    );
  const lookup = { sectionsById: flags('sections'), objectivesById: flags('objectives') };
  const actions = prepare(
    store.sqlite,
    'SELECT id, plan_id, section_id, objective_id, archived FROM actions WHERE deleted_at IS NULL',
  ).all() as { id: string; plan_id: string; section_id: string; objective_id: string | null; archived: number }[];
  const live = new Map<string, string>();
  for (const a of actions) {
    if (!lookup.sectionsById.has(a.section_id)) continue;
    const action = { archived: a.archived === 1, sectionId: a.section_id, objectiveId: a.objective_id };
    if (!isEffectivelyArchived(lookup, action)) live.set(a.id, a.plan_id);
  }
  return live;
}

/** The plan library: live plans (archived ones when asked), or the trash. */
export function listPlans(store: Store, opts: { includeArchived?: boolean; trash?: boolean } = {}): PlanListItem[] {
  let q = store.db.selectFrom('plans').selectAll();
  q = opts.trash ? q.where('deleted_at', 'is not', null) : q.where('deleted_at', 'is', null);
  if (!opts.includeArchived && !opts.trash) q = q.where('archived', '=', 0);
  const plans = all(store, q.orderBy('updated_at', 'desc'));
  if (plans.length === 0) return [];

  const live = liveActionIds(store);
  const counts = new Map<string, number>();
  for (const planId of live.values()) counts.set(planId, (counts.get(planId) ?? 0) + 1);
  const periodLabels = new Map(
    (
      prepare(store.sqlite, 'SELECT id, label FROM reporting_periods WHERE deleted_at IS NULL').all() as {
        id: string;
        label: string;
      }[]
    ).map((r) => [r.id, r.label]),
  );
  const levels = prepare(
    store.sqlite,
    'SELECT id, plan_id, label, colour FROM rating_levels WHERE deleted_at IS NULL ORDER BY plan_id, position',
  ).all() as {
    id: string;
    plan_id: string;
    label: string;
    colour: string;
  }[];
  const rated = prepare(
    store.sqlite,
    `SELECT r.plan_id, r.action_id, r.level_id FROM ratings r
       JOIN plans p ON p.id = r.plan_id AND r.period_id = p.current_period_id
     WHERE r.level_id IS NOT NULL`,
  ).all() as { plan_id: string; action_id: string; level_id: string }[];
  const ratedCount = new Map<string, number>();
  for (const r of rated) {
    if (!live.has(r.action_id)) continue;
    const key = `${r.plan_id}/${r.level_id}`;
    ratedCount.set(key, (ratedCount.get(key) ?? 0) + 1);
  }

  return plans.map((p) => {
    const actionCount = counts.get(p.id) ?? 0;
    const current = p.current_period_id ? (periodLabels.get(p.current_period_id) ?? null) : null;
    const distribution = levels
      .filter((l) => l.plan_id === p.id)
      .map((l) => ({
        levelId: l.id,
        label: l.label,
        colour: l.colour,
        count: current === null ? 0 : (ratedCount.get(`${p.id}/${l.id}`) ?? 0),
      }));
    const ratedTotal = distribution.reduce((n, d) => n + d.count, 0);
    return {
      id: p.id,
      title: p.title,
      organisation: p.organisation,
      service: p.service,
      planPeriod: p.plan_period,
      template: p.template as Plan['template'],
      archived: p.archived === 1,
      deletedAt: p.deleted_at,
      updatedAt: p.updated_at,
      actionCount,
      currentPeriodLabel: current,
      distribution,
      notRated: Math.max(0, actionCount - ratedTotal),
    };
  });
}

/** A new empty plan from a template: its columns, scale (or `scalePreset`) and starting periods. */
export function createPlan(store: Store, input: ParsedInputOf<'plans:create'>, actor: string): Plan {
  return write(store, actor, (w) => {
    const t = TEMPLATES[input.template];
    const planId = insertPlan(w, {
      title: input.title,
      organisation: input.organisation,
      service: input.service,
      planPeriod: input.planPeriod,
      template: input.template,
      introduction: '',
      governance: '',
      recommendationsHeading: t.recommendationsHeading,
      columns: templateColumns(input.template),
      appendixNumber: 1,
    });
    templateScale(input.template, input.scalePreset as ScalePresetId | undefined).forEach((l, i) =>
      insertLevel(w, planId, l, i),
    );
    const periodIds = t.periodLabels.map((label, i) => {
      const id = newId();
      insertRow(store, 'reporting_periods', {
        id,
        plan_id: planId,
        position: i,
        label,
        start_date: null,
        end_date: null,
        locked: 0,
        locked_at: null,
        updated_at: w.at,
        deleted_at: null,
      });
      return id;
    });
    const current = periodIds[periodIds.length - 1] ?? null;
    const compare = periodIds[periodIds.length - 2] ?? null;
    prepare(store.sqlite, 'UPDATE plans SET current_period_id = ?, compare_period_id = ? WHERE id = ?').run(
      current,
      compare,
      planId,
    );
    audit(w, planId, 'plan', planId, 'create', null, null, input.title);
    return loadPlan(store, planId);
  });
}

export function updatePlan(store: Store, input: ParsedInputOf<'plans:update'>, actor: string): Plan {
  return write(store, actor, (w) => {
    livePlan(store, input.planId);
    const before = loadPlan(store, input.planId);
    if (input.patch.columns) {
      const fields = input.patch.columns.map((c) => c.field);
      if (new Set(fields).size !== fields.length)
        throw new DomainError('invalid_input', 'Each column can appear only once.');
    }
    const changed = auditChanges(w, input.planId, 'plan', input.planId, before, input.patch);
    if (changed.length === 0) return before;
    const set: PatchOf<'plans'> = { updated_at: w.at };
    const p = input.patch;
    for (const key of changed) {
      switch (key) {
        case 'columns':
          set.columns_json = JSON.stringify(p.columns);
          break;
        case 'appendixNumber':
          set.appendix_number = p.appendixNumber;
          break;
        case 'planPeriod':
          set.plan_period = p.planPeriod;
          break;
        case 'recommendationsHeading':
          set.recommendations_heading = p.recommendationsHeading;
          break;
        case 'title':
        case 'organisation':
        case 'service':
        case 'introduction':
        case 'governance':
          set[key] = p[key];
          break;
      }
    }
    updateRow(store, 'plans', input.planId, set);
    return loadPlan(store, input.planId);
  });
}

export function archivePlan(store: Store, planId: string, archived: boolean, actor: string): Plan {
  return write(store, actor, (w) => {
    const p = livePlan(store, planId);
    if ((p.archived === 1) !== archived) {
      prepare(store.sqlite, 'UPDATE plans SET archived = ?, updated_at = ? WHERE id = ?').run(
        bool(archived),
        w.at,
        planId,
      );
      audit(w, planId, 'plan', planId, 'archive', 'archived', p.archived === 1, archived);
    }
    return loadPlan(store, planId);
  });
}

/** Moves a plan to the trash (restorable). */
export function deletePlan(store: Store, planId: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    livePlan(store, planId);
    prepare(store.sqlite, 'UPDATE plans SET deleted_at = ?, updated_at = ? WHERE id = ?').run(w.at, w.at, planId);
    audit(w, planId, 'plan', planId, 'delete');
    return { ok: true as const };
  });
}

export function restorePlan(store: Store, planId: string, actor: string): Plan {
  return write(store, actor, (w) => {
    const p = must(planRow(store, planId), 'That plan');
    if (p.deleted_at === null) return loadPlan(store, planId);
    prepare(store.sqlite, 'UPDATE plans SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(w.at, planId);
    audit(w, planId, 'plan', planId, 'restore');
    return loadPlan(store, planId);
  });
}

/** Deletes a plan in the trash for ever (rows cascade). Only plans already in the trash. */
export function purgePlan(store: Store, planId: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    const p = must(planRow(store, planId), 'That plan');
    if (p.deleted_at === null)
      throw new DomainError(
        'conflict',
        'Only a plan in the trash can be deleted permanently. Move it to the trash first.',
      );
    prepare(store.sqlite, 'DELETE FROM plans WHERE id = ?').run(planId);
    audit(w, planId, 'plan', planId, 'delete', 'purged', p.title, null);
    return { ok: true as const };
  });
}

/** Copies the whole live tree (ratings, progress, leads, links, indicators included) with new ids. */
export function duplicatePlan(store: Store, planId: string, title: string | undefined, actor: string): Plan {
  return write(store, actor, (w) => {
    livePlan(store, planId);
    const tree = getPlanTree(store, planId);
    const ids = new Map<string, string>();
    const map = (id: string | null): string | null => (id === null ? null : (ids.get(id) ?? null));
    /** A required reference: the tree is read whole, so its parent has always been copied first. */
    const req = (id: string): string => {
      const copy = ids.get(id);
      if (copy === undefined)
        throw new DomainError(
          'conflict',
          'The plan could not be copied because part of it changed while it was being read. Try again.',
        );
      return copy;
    };
    const fresh = (old: string) => {
      const id = newId();
      ids.set(old, id);
      return id;
    };
    const p = tree.plan;
    const newPlanId = insertPlan(w, {
      title: title ?? `${p.title} (copy)`,
      organisation: p.organisation,
      service: p.service,
      planPeriod: p.planPeriod,
      template: p.template,
      introduction: p.introduction,
      governance: p.governance,
      recommendationsHeading: p.recommendationsHeading,
      columns: p.columns,
      appendixNumber: p.appendixNumber,
    });
    for (const l of tree.levels) insertLevel(w, newPlanId, l, l.position, fresh(l.id));
    for (const r of tree.periods)
      insertRow(store, 'reporting_periods', {
        id: fresh(r.id),
        plan_id: newPlanId,
        position: r.position,
        label: r.label,
        start_date: r.startDate,
        end_date: r.endDate,
        locked: bool(r.locked),
        locked_at: r.lockedAt,
        updated_at: w.at,
        deleted_at: null,
      });
    prepare(store.sqlite, 'UPDATE plans SET current_period_id = ?, compare_period_id = ? WHERE id = ?').run(
      map(p.currentPeriodId),
      map(p.comparePeriodId),
      newPlanId,
    );
    for (const r of tree.recommendations)
      insertRow(store, 'recommendations', {
        id: fresh(r.id),
        plan_id: newPlanId,
        position: r.position,
        number: r.number,
        label: r.label,
        text: r.text,
        updated_at: w.at,
        deleted_at: null,
      });
    for (const s of tree.sections)
      insertRow(store, 'sections', {
        id: fresh(s.id),
        plan_id: newPlanId,
        position: s.position,
        order_key: keyForIndex(s.position),
        number: s.number,
        number_manual: bool(s.numberManual),
        title: s.title,
        description: s.description,
        archived: bool(s.archived),
        updated_at: w.at,
        deleted_at: null,
      });
    for (const o of tree.objectives)
      insertRow(store, 'objectives', {
        id: fresh(o.id),
        plan_id: newPlanId,
        section_id: req(o.sectionId),
        position: o.position,
        order_key: keyForIndex(o.position),
        title: o.title,
        archived: bool(o.archived),
        updated_at: w.at,
        deleted_at: null,
      });
    for (const a of tree.actions) {
      const actionId = fresh(a.id);
      // Every field of the action is copied (a new field too), bar its place in the new plan and its dates.
      insertRow(
        store,
        'actions',
        actionInsert(
          {
            ...a,
            id: actionId,
            planId: newPlanId,
            sectionId: req(a.sectionId),
            objectiveId: map(a.objectiveId),
            createdAt: w.at,
            updatedAt: w.at,
            deletedAt: null,
          },
          keyForIndex(a.position),
        ),
      );
      for (const l of a.leads)
        insertRow(store, 'action_leads', {
          id: newId(),
          plan_id: newPlanId,
          action_id: actionId,
          position: l.position,
          name: l.name,
          person_id: l.personId,
          role: l.role,
          updated_at: w.at,
          deleted_at: null,
        });
      for (const r of a.recommendationIds)
        insertRow(store, 'action_recommendations', {
          id: linkId(actionId, req(r)),
          plan_id: newPlanId,
          action_id: actionId,
          recommendation_id: req(r),
          updated_at: w.at,
          deleted_at: null,
        });
    }
    for (const r of tree.ratings)
      insertRow(store, 'ratings', {
        id: ratingId(req(r.actionId), req(r.periodId)),
        plan_id: newPlanId,
        action_id: req(r.actionId),
        period_id: req(r.periodId),
        level_id: map(r.levelId),
        explanation: r.explanation,
        corrective_action: r.correctiveAction,
        rated_by: r.ratedBy,
        rated_at: r.ratedAt,
        updated_at: w.at,
      });
    for (const g of tree.progress)
      insertRow(store, 'progress_updates', {
        id: newId(),
        plan_id: newPlanId,
        action_id: req(g.actionId),
        period_id: req(g.periodId),
        body: g.body,
        author: g.author,
        internal: bool(g.internal),
        created_at: g.createdAt,
        updated_at: w.at,
        deleted_at: null,
      });
    for (const i of tree.indicators)
      insertRow(store, 'indicators', {
        id: newId(),
        plan_id: newPlanId,
        section_id: map(i.sectionId),
        position: i.position,
        name: i.name,
        unit: i.unit,
        polarity: i.polarity,
        baseline_label: i.baselineLabel,
        baseline: i.baseline,
        sn_average: i.snAverage,
        target: i.target,
        year_to_date: i.yearToDate,
        values_json: JSON.stringify(i.values),
        notes: i.notes,
        updated_at: w.at,
        deleted_at: null,
      });
    audit(w, newPlanId, 'plan', newPlanId, 'create', 'duplicateOf', null, planId);
    return loadPlan(store, newPlanId);
  });
}

export { loadPlanAny };

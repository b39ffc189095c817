/**
 * The hot read path: a whole plan as a `PlanTree`, one prepared statement per table (no N+1), live
 * rows only (tombstoned rows, and rows under a tombstoned parent, are left out; archived rows stay,
 * flagged). The large tables are read as arrays and mapped straight into the domain objects.
 */
import type { Action, DueChange, Lead, Objective, PlanTree, ProgressUpdate, Rating } from '../shared/model';
import { DomainError } from '../shared/result';
import { toIndicator, toLevel, toPeriod, toPlan, toRecommendation, toSection } from './rows';
import type * as S from './schema';
import { prepare, prepareRaw } from './sql';
import type { Store } from './store';

const Q = {
  plan: 'SELECT * FROM plans WHERE id = ?',
  levels: 'SELECT * FROM rating_levels WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
  periods: 'SELECT * FROM reporting_periods WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
  recommendations: 'SELECT * FROM recommendations WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
  sections: 'SELECT * FROM sections WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
  // The big tables are read in raw (array) mode in index order and sorted in JS: no temp b-trees, no
  // intermediate row objects. Column order here is what the mappers below index into.
  objectives: 'SELECT id, plan_id, section_id, position, title, archived, updated_at FROM objectives WHERE plan_id = ? AND deleted_at IS NULL',
  actions:
    'SELECT id, plan_id, section_id, objective_id, position, reference, reference_manual, description, outcome, due_text, due_history_json, notes, archived, created_at, updated_at, rid FROM actions WHERE plan_id = ? AND deleted_at IS NULL',
  leads: 'SELECT id, action_id, position, name, person_id, role FROM action_leads WHERE plan_id = ? AND deleted_at IS NULL',
  links:
    'SELECT ar.action_id, ar.recommendation_id FROM action_recommendations ar JOIN recommendations r ON r.id = ar.recommendation_id WHERE ar.plan_id = ? AND ar.deleted_at IS NULL AND r.deleted_at IS NULL ORDER BY r.position',
  ratings: 'SELECT id, action_id, period_id, level_id, explanation, corrective_action, rated_by, rated_at, updated_at FROM ratings WHERE plan_id = ?',
  progress: 'SELECT id, action_id, period_id, body, author, internal, created_at, updated_at FROM progress_updates WHERE plan_id = ? AND deleted_at IS NULL ORDER BY rid',
  indicators: 'SELECT * FROM indicators WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
} as const;

type Cell = string | number | null;
const str = (v: Cell) => v as string;
const strOrNull = (v: Cell) => v as string | null;
const num = (v: Cell) => v as number;

function parseDueHistory(text: string): DueChange[] {
  if (text === '[]') return [];
  try {
    return JSON.parse(text) as DueChange[];
  } catch {
    return [];
  }
}

/** The plan's tree. Throws not_found when there is no such plan (a plan in the trash can still be read). */
export function getPlanTree(store: Store, planId: string): PlanTree {
  const q = (sql: string) => prepare(store.sqlite, sql);
  const rawQ = (sql: string) => prepareRaw(store.sqlite, sql).all(planId) as Cell[][];
  const planRow = q(Q.plan).get(planId) as S.PlansTable | undefined;
  if (!planRow) throw new DomainError('not_found', 'That plan was not found. It may have been deleted permanently.');

  const sections = (q(Q.sections).all(planId) as S.SectionsTable[]).map(toSection);
  const sectionPos = new Map<string, number>();
  sections.forEach((s, i) => sectionPos.set(s.id, i));
  const periods = (q(Q.periods).all(planId) as S.ReportingPeriodsTable[]).map(toPeriod);
  const livePeriods = new Set(periods.map((p) => p.id));

  const leadsOf = new Map<string, Lead[]>();
  for (const r of rawQ(Q.leads)) {
    const lead: Lead = { id: str(r[0]!), actionId: str(r[1]!), position: num(r[2]!), name: str(r[3]!), personId: strOrNull(r[4]!), role: r[5] as Lead['role'] };
    const list = leadsOf.get(lead.actionId);
    if (list) list.push(lead);
    else leadsOf.set(lead.actionId, [lead]);
  }
  for (const list of leadsOf.values()) if (list.length > 1) list.sort((a, b) => a.position - b.position);
  const recsOf = new Map<string, string[]>();
  for (const r of rawQ(Q.links)) {
    const list = recsOf.get(r[0] as string);
    if (list) list.push(r[1] as string);
    else recsOf.set(r[0] as string, [r[1] as string]);
  }

  const actionRows = rawQ(Q.actions).filter((r) => sectionPos.has(r[2] as string));
  actionRows.sort((a, b) => sectionPos.get(a[2] as string)! - sectionPos.get(b[2] as string)! || num(a[4]!) - num(b[4]!) || num(a[15]!) - num(b[15]!));
  const liveActions = new Set<string>();
  const actions: Action[] = actionRows.map((r) => {
    const id = str(r[0]!);
    liveActions.add(id);
    return {
      id,
      planId: str(r[1]!),
      sectionId: str(r[2]!),
      objectiveId: strOrNull(r[3]!),
      position: num(r[4]!),
      reference: str(r[5]!),
      referenceManual: r[6] === 1,
      description: str(r[7]!),
      outcome: str(r[8]!),
      dueText: str(r[9]!),
      dueHistory: parseDueHistory(str(r[10]!)),
      notes: str(r[11]!),
      archived: r[12] === 1,
      leads: leadsOf.get(id) ?? [],
      recommendationIds: recsOf.get(id) ?? [],
      createdAt: str(r[13]!),
      updatedAt: str(r[14]!),
      deletedAt: null,
    };
  });

  const objectives: Objective[] = rawQ(Q.objectives)
    .filter((r) => sectionPos.has(r[2] as string))
    .map((r) => ({ id: str(r[0]!), planId: str(r[1]!), sectionId: str(r[2]!), position: num(r[3]!), title: str(r[4]!), archived: r[5] === 1, updatedAt: str(r[6]!), deletedAt: null }))
    .sort((a, b) => sectionPos.get(a.sectionId)! - sectionPos.get(b.sectionId)! || a.position - b.position || (a.id < b.id ? -1 : 1));

  const ratings: Rating[] = [];
  for (const r of rawQ(Q.ratings)) {
    if (!liveActions.has(r[1] as string) || !livePeriods.has(r[2] as string)) continue;
    ratings.push({
      id: str(r[0]!),
      actionId: str(r[1]!),
      periodId: str(r[2]!),
      levelId: strOrNull(r[3]!),
      explanation: str(r[4]!),
      correctiveAction: str(r[5]!),
      ratedBy: str(r[6]!),
      ratedAt: str(r[7]!),
      updatedAt: str(r[8]!),
    });
  }
  const progress: ProgressUpdate[] = [];
  for (const r of rawQ(Q.progress)) {
    if (!liveActions.has(r[1] as string) || !livePeriods.has(r[2] as string)) continue;
    progress.push({
      id: str(r[0]!),
      actionId: str(r[1]!),
      periodId: str(r[2]!),
      body: str(r[3]!),
      author: str(r[4]!),
      internal: r[5] === 1,
      createdAt: str(r[6]!),
      updatedAt: str(r[7]!),
      deletedAt: null,
    });
  }

  return {
    plan: toPlan(planRow),
    levels: (q(Q.levels).all(planId) as S.RatingLevelsTable[]).map(toLevel),
    periods,
    recommendations: (q(Q.recommendations).all(planId) as S.RecommendationsTable[]).map(toRecommendation),
    sections,
    objectives,
    actions,
    ratings,
    progress,
    indicators: (q(Q.indicators).all(planId) as S.IndicatorsTable[]).map(toIndicator),
  };
}

/** The SQL the tree read runs, for the benchmark's raw comparison. */
export const TREE_QUERIES: Readonly<Record<string, string>> = Q;

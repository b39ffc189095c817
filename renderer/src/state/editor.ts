/**
 * Every write the plan editor makes, with its undo: each method calls the contract through the save
 * tracker (so the shell shows "Saving…" / "All changes saved" / "Couldn't save: …"), patches or reloads the
 * plan tree, and records an undo entry (edit -> previous value, delete -> restore, move -> move back,
 * create -> delete). Undo and redo replay through the same paths without recording again.
 */
import type {
  Action,
  Indicator,
  LeadRole,
  Person,
  PlanTree,
  RatingLevel,
  Recommendation,
  ReportingPeriod,
  ScalePresetId,
} from '../../../shared/model';
import { SCALE_PRESETS } from '../../../shared/ratings';
import type { InputOf } from '../../../shared/contract';
import { call } from '../api';
import type { PlanStore } from './planStore';
import type { SaveTracker } from './saveStatus';
import type { UndoStack } from './undo';
import { indexTree } from './indexes';
import { moveBy, regroupActions, sameOrder } from './structure';

export type ActionPatch = Partial<
  Pick<Action, 'reference' | 'description' | 'outcome' | 'dueText' | 'notes' | 'objectiveId'>
>;
export interface LeadValue {
  name: string;
  personId: string | null;
  role: LeadRole;
}
/** What the indicator editor saves: every field `indicators:upsert` takes, bar the plan. */
export type IndicatorFields = Pick<
  Indicator,
  | 'sectionId'
  | 'name'
  | 'unit'
  | 'polarity'
  | 'baselineLabel'
  | 'baseline'
  | 'snAverage'
  | 'target'
  | 'yearToDate'
  | 'values'
  | 'notes'
>;
const indicatorFields = (i: Indicator): IndicatorFields => ({
  sectionId: i.sectionId,
  name: i.name,
  unit: i.unit,
  polarity: i.polarity,
  baselineLabel: i.baselineLabel,
  baseline: i.baseline,
  snAverage: i.snAverage,
  target: i.target,
  yearToDate: i.yearToDate,
  values: i.values.map((v) => ({ ...v })),
  notes: i.notes,
});

export interface RatingValue {
  levelId: string | null;
  explanation: string;
  correctiveAction: string;
}

const FIELD_WORDS: Record<keyof ActionPatch, string> = {
  reference: 'reference',
  description: 'action text',
  outcome: 'outcome',
  dueText: 'due date',
  notes: 'internal notes',
  objectiveId: 'objective',
};

export class Editor {
  /** A level removed and brought back by undo gets a new id: old id -> the id that replaced it. */
  private readonly levelIds = new Map<string, string>();
  private readonly goneLevels = new Set<string>();
  private scaleIds = new Set<string>();
  private readonly peopleListeners = new Set<() => void>();

  constructor(
    readonly store: PlanStore,
    readonly undo: UndoStack,
    readonly saves: SaveTracker,
  ) {}

  private get tree(): PlanTree {
    const t = this.store.getTree();
    if (!t) throw new Error('The plan is not loaded yet.');
    return t;
  }

  private ref(actionId: string): string {
    return indexTree(this.tree).actionById.get(actionId)?.reference || 'action';
  }

  /** Runs `apply` tracked and records an undo entry on success. */
  private async record(label: string, apply: () => Promise<void>, revert: () => Promise<void>): Promise<void> {
    await this.saves.track(apply);
    this.undo.push({ label, undo: () => this.saves.track(revert), redo: () => this.saves.track(apply) });
  }

  // ---- Actions --------------------------------------------------------------------------------

  async updateAction(actionId: string, patch: ActionPatch): Promise<void> {
    const action = indexTree(this.tree).actionById.get(actionId);
    if (!action) throw new Error('That action no longer exists.');
    const prev: ActionPatch = {};
    for (const key of Object.keys(patch) as (keyof ActionPatch)[]) (prev as Record<string, unknown>)[key] = action[key];
    // Undoing a typed reference hands numbering back to the app when the old one was automatic.
    if ('reference' in patch && !action.referenceManual) prev.reference = '';
    const structural = 'reference' in patch || 'objectiveId' in patch;
    const apply = (p: ActionPatch) => async () => {
      const saved = await call('actions:update', { actionId, patch: p });
      if (structural) await this.store.load();
      else this.store.putAction({ ...saved, leads: saved.leads });
    };
    const field = Object.keys(patch)
      .map((k) => FIELD_WORDS[k as keyof ActionPatch])
      .join(', ');
    await this.record(`Edit ${field} of ${action.reference || 'action'}`, apply(patch), apply(prev));
  }

  async setLeads(actionId: string, leads: LeadValue[]): Promise<void> {
    const action = indexTree(this.tree).actionById.get(actionId);
    if (!action) throw new Error('That action no longer exists.');
    const prev = action.leads.map((l) => ({ name: l.name, personId: l.personId, role: l.role }));
    const apply = (ls: LeadValue[]) => async () => {
      const saved = await call('actions:setLeads', { actionId, leads: ls });
      this.store.putLeads(actionId, saved);
    };
    await this.record(`Edit leads of ${this.ref(actionId)}`, apply(leads), apply(prev));
  }

  async linkRecommendations(actionId: string, recommendationIds: string[]): Promise<void> {
    const action = indexTree(this.tree).actionById.get(actionId);
    if (!action) throw new Error('That action no longer exists.');
    const prev = [...action.recommendationIds];
    const apply = (ids: string[]) => async () => {
      const saved = await call('recommendations:link', { actionId, recommendationIds: ids });
      this.store.putAction(saved);
    };
    await this.record(`Edit recommendations of ${this.ref(actionId)}`, apply(recommendationIds), apply(prev));
  }

  /** Creates an action at the end of a section (or of its objective, or after `afterActionId`); answers its id. */
  async createAction(
    sectionId: string,
    opts: { objectiveId?: string | null; afterActionId?: string | null; description?: string } = {},
  ): Promise<string> {
    const created = await this.saves.track(() =>
      call('actions:create', {
        sectionId,
        objectiveId: opts.objectiveId ?? null,
        description: opts.description ?? '',
        ...(opts.afterActionId ? { afterActionId: opts.afterActionId } : {}),
      }),
    );
    await this.store.load();
    const id = created.id;
    this.undo.push({
      label: `Add action ${created.reference}`,
      undo: () =>
        this.saves.track(async () => void (await call('actions:delete', { actionId: id }), await this.store.load())),
      redo: () =>
        this.saves.track(async () => void (await call('actions:restore', { actionId: id }), await this.store.load())),
    });
    return id;
  }

  async deleteAction(actionId: string): Promise<void> {
    const label = `Delete action ${this.ref(actionId)}`;
    await this.record(
      label,
      async () => {
        await call('actions:delete', { actionId });
        await this.store.load();
      },
      async () => {
        await call('actions:restore', { actionId });
        await this.store.load();
      },
    );
  }

  async archiveAction(actionId: string, archived: boolean): Promise<void> {
    const apply = (value: boolean) => async () => {
      await call('actions:archive', { actionId, archived: value });
      await this.store.load();
    };
    await this.record(
      `${archived ? 'Archive' : 'Unarchive'} action ${this.ref(actionId)}`,
      apply(archived),
      apply(!archived),
    );
  }

  /**
   * Moves an action to `index` among the live actions of `sectionId` (another section moves it there),
   * under `objectiveId` when given (else it keeps its objective in its own section, or takes the one
   * at that place in another). Undo moves it back to where it was, under its old objective.
   */
  async moveAction(actionId: string, sectionId: string, index: number, toObjective?: string | null): Promise<void> {
    const idx = indexTree(this.tree);
    const action = idx.actionById.get(actionId);
    if (!action) throw new Error('That action no longer exists.');
    const fromSection = action.sectionId;
    const fromObjective = action.objectiveId;
    const fromIndex = (idx.actionsBySection.get(fromSection) ?? []).findIndex((a) => a.id === actionId);
    const target = idx.actionsBySection.get(sectionId) ?? [];
    const objectiveId =
      toObjective !== undefined
        ? toObjective
        : sectionId === fromSection
          ? fromObjective
          : (target[Math.min(index, target.length - 1)]?.objectiveId ?? null);
    const move = (sec: string, obj: string | null, i: number) => async () => {
      const list = (indexTree(this.tree).actionsBySection.get(sec) ?? [])
        .filter((a) => a.id !== actionId)
        .map((a) => a.id);
      const at = Math.max(0, Math.min(i, list.length));
      const now = indexTree(this.tree).actionById.get(actionId);
      if (sec === now?.sectionId && obj === now.objectiveId) {
        list.splice(at, 0, actionId);
        await call('actions:reorder', { parentId: sec, orderedIds: list });
      } else {
        await call('actions:move', { actionId, sectionId: sec, objectiveId: obj, index: at });
      }
      await this.store.load();
    };
    await this.record(
      `Move action ${action.reference}`,
      move(sectionId, objectiveId, index),
      move(fromSection, fromObjective, fromIndex),
    );
  }

  // ---- Ratings and progress ---------------------------------------------------------------------

  async setRating(actionId: string, periodId: string, value: RatingValue): Promise<void> {
    const current = indexTree(this.tree).ratingOf(actionId, periodId);
    const prev: RatingValue = {
      levelId: current?.levelId ?? null,
      explanation: current?.explanation ?? '',
      correctiveAction: current?.correctiveAction ?? '',
    };
    const apply = (v: RatingValue) => async () => {
      const saved = await call('ratings:set', { actionId, periodId, ...v });
      this.store.putRating(actionId, periodId, saved);
    };
    const what = value.levelId !== prev.levelId ? 'Rate' : 'Edit explanation of';
    await this.record(`${what} ${this.ref(actionId)}`, apply(value), apply(prev));
  }

  /**
   * Saves the progress update being written for an action in a period: adds one the first time, then
   * edits it. Answers the update's id.
   */
  async saveProgress(
    actionId: string,
    periodId: string,
    progressId: string | null,
    value: { body: string; internal: boolean },
    /** Told the new update's id before the plan tree shows it (so a form can keep its place). */
    onCreated?: (id: string) => void,
  ): Promise<string> {
    const label = `${value.internal ? 'Edit internal note' : 'Edit progress'} of ${this.ref(actionId)}`;
    if (progressId === null) {
      const created = await this.saves.track(() =>
        call('progress:add', { actionId, periodId, body: value.body, internal: value.internal }),
      );
      onCreated?.(created.id);
      this.store.putProgress(created);
      const id = created.id;
      this.undo.push({
        label,
        undo: () =>
          this.saves.track(async () => {
            await call('progress:delete', { progressId: id });
            this.store.removeProgress(id);
          }),
        redo: () =>
          this.saves.track(async () => {
            this.store.putProgress(await call('progress:restore', { progressId: id }));
          }),
      });
      return id;
    }
    const existing = this.tree.progress.find((p) => p.id === progressId);
    const prev = { body: existing?.body ?? '', internal: existing?.internal ?? false };
    const apply = (v: { body: string; internal: boolean }) => async () => {
      this.store.putProgress(await call('progress:update', { progressId, patch: v }));
    };
    await this.record(label, apply(value), apply(prev));
    return progressId;
  }

  /** Deletes one progress update or internal note; undo restores it. */
  async deleteProgress(progressId: string): Promise<void> {
    const existing = this.tree.progress.find((p) => p.id === progressId);
    if (!existing) throw new Error('That update no longer exists.');
    await this.record(
      `Delete ${existing.internal ? 'internal note' : 'progress update'} of ${this.ref(existing.actionId)}`,
      async () => {
        await call('progress:delete', { progressId });
        this.store.removeProgress(progressId);
      },
      async () => {
        this.store.putProgress(await call('progress:restore', { progressId }));
      },
    );
  }

  // ---- Sections and objectives -------------------------------------------------------------------

  async createSection(title: string, afterSectionId: string | null = null): Promise<string> {
    const created = await this.saves.track(() =>
      call('sections:create', { planId: this.store.planId, title, ...(afterSectionId ? { afterSectionId } : {}) }),
    );
    await this.store.load();
    const id = created.id;
    this.undo.push({
      label: `Add section ${created.number}`,
      undo: () =>
        this.saves.track(async () => void (await call('sections:delete', { sectionId: id }), await this.store.load())),
      redo: () =>
        this.saves.track(async () => void (await call('sections:restore', { sectionId: id }), await this.store.load())),
    });
    return id;
  }

  async updateSection(
    sectionId: string,
    patch: { title?: string; number?: string; description?: string },
  ): Promise<void> {
    const section = indexTree(this.tree).sectionById.get(sectionId);
    if (!section) throw new Error('That section no longer exists.');
    const prev: typeof patch = {};
    for (const k of Object.keys(patch) as (keyof typeof patch)[]) prev[k] = section[k];
    // Undoing a typed number hands numbering back to the app when the old one was automatic.
    if ('number' in patch && !section.numberManual) prev.number = '';
    const apply = (p: typeof patch) => async () => {
      await call('sections:update', { sectionId, patch: p });
      await this.store.load();
    };
    await this.record(`Edit section ${section.number}`, apply(patch), apply(prev));
  }

  async deleteSection(sectionId: string): Promise<void> {
    const section = indexTree(this.tree).sectionById.get(sectionId);
    await this.record(
      `Delete section ${section?.number ?? ''}`.trim(),
      async () => {
        await call('sections:delete', { sectionId });
        await this.store.load();
      },
      async () => {
        await call('sections:restore', { sectionId });
        await this.store.load();
      },
    );
  }

  async archiveSection(sectionId: string, archived: boolean): Promise<void> {
    const apply = (value: boolean) => async () => {
      await call('sections:archive', { sectionId, archived: value });
      await this.store.load();
    };
    await this.record(`${archived ? 'Archive' : 'Unarchive'} section`, apply(archived), apply(!archived));
  }

  /** Moves a section by `delta` places (-1 up, +1 down). */
  async moveSection(sectionId: string, delta: number): Promise<void> {
    const order = indexTree(this.tree).sections.map((s) => s.id);
    const from = order.indexOf(sectionId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= order.length) return;
    const next = [...order];
    next.splice(from, 1);
    next.splice(to, 0, sectionId);
    const apply = (ids: string[]) => async () => {
      await call('sections:reorder', { parentId: this.store.planId, orderedIds: ids });
      await this.store.load();
    };
    await this.record('Move section', apply(next), apply(order));
  }

  /** Creates an objective at the end of a section (or after `afterObjectiveId`); answers its id. */
  async createObjective(sectionId: string, title: string, afterObjectiveId?: string | null): Promise<string> {
    const created = await this.saves.track(() =>
      call('objectives:create', { sectionId, title, ...(afterObjectiveId !== undefined ? { afterObjectiveId } : {}) }),
    );
    await this.store.load();
    const id = created.id;
    this.undo.push({
      label: 'Add objective',
      undo: () =>
        this.saves.track(
          async () => void (await call('objectives:delete', { objectiveId: id }), await this.store.load()),
        ),
      redo: () =>
        this.saves.track(
          async () => void (await call('objectives:restore', { objectiveId: id }), await this.store.load()),
        ),
    });
    return id;
  }

  async updateObjective(objectiveId: string, title: string): Promise<void> {
    const objective = indexTree(this.tree).objectiveById.get(objectiveId);
    if (!objective) throw new Error('That objective no longer exists.');
    const prev = objective.title;
    if (prev === title) return;
    const apply = (t: string) => async () => {
      this.store.putObjective(await call('objectives:update', { objectiveId, patch: { title: t } }));
    };
    await this.record('Edit objective', apply(title), apply(prev));
  }

  /**
   * Moves an objective by `delta` places among its section's objectives, and regroups the section's
   * actions to match (actions under no objective first, then each objective's actions in order), so the
   * table, references and the Word export follow. Undo puts both orders back.
   */
  async moveObjective(objectiveId: string, delta: number): Promise<void> {
    const idx = indexTree(this.tree);
    const objective = idx.objectiveById.get(objectiveId);
    if (!objective) throw new Error('That objective no longer exists.');
    const sectionId = objective.sectionId;
    const objectiveOrder = (idx.objectivesBySection.get(sectionId) ?? []).map((o) => o.id);
    const nextObjectives = moveBy(objectiveOrder, objectiveId, delta);
    if (!nextObjectives) return;
    const actions = idx.actionsBySection.get(sectionId) ?? [];
    const actionOrder = actions.map((a) => a.id);
    const nextActions = regroupActions(actions, nextObjectives);
    const apply = (objectiveIds: string[], actionIds: string[]) => async () => {
      await call('objectives:reorder', { parentId: sectionId, orderedIds: objectiveIds });
      const now = (indexTree(this.tree).actionsBySection.get(sectionId) ?? []).map((a) => a.id);
      if (actionIds.length > 0 && !sameOrder(now, actionIds))
        await call('actions:reorder', { parentId: sectionId, orderedIds: actionIds });
      await this.store.load();
    };
    await this.record('Move objective', apply(nextObjectives, nextActions), apply(objectiveOrder, actionOrder));
  }

  async archiveObjective(objectiveId: string, archived: boolean): Promise<void> {
    const apply = (value: boolean) => async () => {
      this.store.putObjective(await call('objectives:archive', { objectiveId, archived: value }));
    };
    await this.record(`${archived ? 'Archive' : 'Unarchive'} objective`, apply(archived), apply(!archived));
  }

  /** Deletes an objective and (in the store) every action under it; undo restores them all. */
  async deleteObjective(objectiveId: string): Promise<void> {
    await this.record(
      'Delete objective',
      async () => {
        await call('objectives:delete', { objectiveId });
        await this.store.load();
      },
      async () => {
        await call('objectives:restore', { objectiveId });
        await this.store.load();
      },
    );
  }

  // ---- Indicators ------------------------------------------------------------------------------

  /**
   * Saves an indicator's fields through `indicators:upsert` (validated there; a refusal throws an ApiError
   * whose issues name the fields). Undo puts the previous fields back.
   */
  async saveIndicator(indicatorId: string, fields: IndicatorFields, label?: string): Promise<void> {
    const before = this.tree.indicators.find((i) => i.id === indicatorId && i.deletedAt === null);
    if (!before) throw new Error('That indicator no longer exists.');
    const prev = indicatorFields(before);
    const apply = (f: IndicatorFields) => async () => {
      const saved = await call('indicators:upsert', { id: indicatorId, planId: this.store.planId, ...f });
      this.store.putIndicator(saved);
    };
    await this.record(label ?? `Edit indicator ${before.name}`, apply(fields), apply(prev));
  }

  /** Adds an indicator to a section (at the end); answers its id. Undo removes it. */
  async createIndicator(sectionId: string | null, name: string): Promise<string> {
    const created = await this.saves.track(() =>
      call('indicators:upsert', { planId: this.store.planId, sectionId, name }),
    );
    this.store.putIndicator(created);
    this.recordIndicatorLife(`Add indicator ${created.name}`, created, false);
    return created.id;
  }

  /** Removes an indicator; undo brings it back with every value and note. */
  async deleteIndicator(indicatorId: string): Promise<void> {
    const before = this.tree.indicators.find((i) => i.id === indicatorId && i.deletedAt === null);
    if (!before) throw new Error('That indicator no longer exists.');
    await this.saves.track(async () => {
      await call('indicators:delete', { indicatorId });
      this.store.removeIndicator(indicatorId);
    });
    this.recordIndicatorLife(`Remove indicator ${before.name}`, before, true);
  }

  /**
   * The undo entry of an indicator's creation or removal. The contract has no restore for indicators, so
   * bringing one back creates it again with the same fields; the id it gets is followed for redo.
   */
  private recordIndicatorLife(label: string, indicator: Indicator, removed: boolean): void {
    let id = indicator.id;
    const fields = indicatorFields(indicator);
    const remove = async () => {
      await call('indicators:delete', { indicatorId: id });
      this.store.removeIndicator(id);
    };
    const bringBack = async () => {
      const saved = await call('indicators:upsert', { planId: this.store.planId, ...fields });
      id = saved.id;
      this.store.putIndicator(saved);
    };
    this.undo.push({
      label,
      undo: () => this.saves.track(removed ? bringBack : remove),
      redo: () => this.saves.track(removed ? remove : bringBack),
    });
  }

  // ---- The whole plan ----------------------------------------------------------------------------

  /**
   * Renumbers every section 1..n and every action "<section>.<n>", replacing numbers typed by hand.
   * Not recorded for undo (the typed numbers are not kept), so the caller must confirm first.
   */
  async renumberPlan(): Promise<void> {
    await this.saves.track(async () => {
      this.store.setTree(await call('sections:renumber', { planId: this.store.planId }));
    });
  }

  // ---- Plan settings ------------------------------------------------------------------------------
  // The settings tabs write through these, so Ctrl+Z and the Undo button cover them like any plan edit.
  // Each reloads the tree (a setting can change what every row shows).

  /** Details and columns (`plans:update`). */
  async updatePlan(patch: PlanPatch): Promise<void> {
    const plan = this.tree.plan;
    const prev = pick(plan, patch);
    const apply = (p: PlanPatch) => async () => {
      await call('plans:update', { planId: plan.id, patch: p });
      await this.store.load();
    };
    const what = 'columns' in patch ? 'columns' : Object.keys(patch).map((k) => PLAN_WORDS[k as keyof PlanPatch]);
    await this.record(`Edit ${String(what)} of the plan`, apply(patch), apply(prev));
  }

  async updatePeriod(periodId: string, patch: PeriodPatch): Promise<void> {
    const period = this.tree.periods.find((p) => p.id === periodId);
    if (!period) throw new Error('That reporting period no longer exists.');
    const apply = (p: PeriodPatch) => async () => {
      await call('periods:update', { periodId, patch: p });
      await this.store.load();
    };
    await this.record(`Edit reporting period ${period.label}`, apply(patch), apply(pick(period, patch)));
  }

  /** The current period and the one it is compared with. */
  async setCurrentPeriods(currentPeriodId: string | null, comparePeriodId: string | null): Promise<void> {
    const { id: planId, currentPeriodId: oldCurrent, comparePeriodId: oldCompare } = this.tree.plan;
    const apply = (current: string | null, compare: string | null) => async () => {
      await call('periods:setCurrent', { planId, currentPeriodId: current, comparePeriodId: compare });
      await this.store.load();
    };
    await this.record(
      'Change the current reporting period',
      apply(currentPeriodId, comparePeriodId),
      apply(oldCurrent, oldCompare),
    );
  }

  async reorderPeriods(orderedIds: string[]): Promise<void> {
    const planId = this.tree.plan.id;
    const prev = this.tree.periods
      .filter((p) => p.deletedAt === null)
      .sort((a, b) => a.position - b.position)
      .map((p) => p.id);
    const apply = (ids: string[]) => async () => {
      await call('periods:reorder', { parentId: planId, orderedIds: ids });
      await this.store.load();
    };
    await this.record('Reorder reporting periods', apply(orderedIds), apply(prev));
  }

  async lockPeriod(periodId: string, locked: boolean): Promise<void> {
    const period = this.tree.periods.find((p) => p.id === periodId);
    if (!period) throw new Error('That reporting period no longer exists.');
    const apply = (value: boolean) => async () => {
      await call('periods:lock', { periodId, locked: value });
      await this.store.load();
    };
    await this.record(`${locked ? 'Lock' : 'Unlock'} ${period.label}`, apply(locked), apply(period.locked));
  }

  async updateRecommendation(recommendationId: string, patch: RecommendationPatch): Promise<void> {
    const rec = this.tree.recommendations.find((r) => r.id === recommendationId);
    if (!rec) throw new Error('That recommendation no longer exists.');
    const apply = (p: RecommendationPatch) => async () => {
      await call('recommendations:update', { recommendationId, patch: p });
      await this.store.load();
    };
    await this.record(`Edit ${rec.label}`, apply(patch), apply(pick(rec, patch)));
  }

  // ---- The rating scale -------------------------------------------------------------------------
  // Written whole (`scale:set`). Undo writes the previous scale back; a level removed since comes back as a
  // new level (the store refuses to remove a level any rating uses, so no rating is lost), and its new id is
  // followed by later undo and redo.

  /** Writes the whole scale; answers the stored levels in order. */
  async setScale(levels: ScaleInput[]): Promise<RatingLevel[]> {
    const prev = this.scaleInputs();
    let stored: RatingLevel[] = [];
    const apply = (inputs: ScaleInput[]) => async () => {
      stored = await this.writeScale(inputs);
    };
    await this.record('Edit the rating scale', apply(levels), apply(prev));
    return stored;
  }

  /** Replaces the scale with a preset (levels whose key matches keep their ratings). */
  async applyScalePreset(preset: ScalePresetId): Promise<RatingLevel[]> {
    const prev = this.scaleInputs();
    let stored: RatingLevel[] = [];
    await this.record(
      `Use the ${SCALE_PRESETS[preset].name} scale`,
      async () => {
        stored = byPosition(await call('scale:applyPreset', { planId: this.store.planId, preset }));
        this.noteScale(stored);
        await this.store.load();
      },
      async () => void (await this.writeScale(prev)),
    );
    return stored;
  }

  private scaleInputs(): ScaleInput[] {
    return byPosition(this.tree.levels).map((l) => ({
      id: l.id,
      key: l.key,
      label: l.label,
      colour: l.colour,
      value: l.value,
      definition: l.definition,
      countsAsComplete: l.countsAsComplete,
      canBeRemoved: l.canBeRemoved,
      requiresExplanation: l.requiresExplanation,
    }));
  }

  private async writeScale(inputs: ScaleInput[]): Promise<RatingLevel[]> {
    const current = (id: string): string => {
      const seen = new Set<string>();
      let at = id;
      while (this.levelIds.has(at) && !seen.has(at)) {
        seen.add(at);
        at = this.levelIds.get(at)!;
      }
      return at;
    };
    const sent = inputs.map(({ id, ...rest }) => {
      const now = id === undefined ? undefined : current(id);
      return now !== undefined && !this.goneLevels.has(now) ? { ...rest, id: now } : rest;
    });
    const stored = byPosition(await call('scale:set', { planId: this.store.planId, levels: sent }));
    inputs.forEach((input, i) => {
      const made = stored[i];
      if (input.id && !('id' in sent[i]!) && made) this.levelIds.set(input.id, made.id);
    });
    this.noteScale(stored);
    await this.store.load();
    return stored;
  }

  /** Levels of the scale before a write that are not in it after are gone: bringing one back makes a new level. */
  private noteScale(stored: readonly RatingLevel[]): void {
    const kept = new Set(stored.map((l) => l.id));
    for (const id of [...byPosition(this.tree.levels).map((l) => l.id), ...this.scaleIds])
      if (!kept.has(id)) this.goneLevels.add(id);
    for (const id of kept) this.goneLevels.delete(id);
    this.scaleIds = kept;
  }

  // ---- Adding and deleting periods and recommendations ---------------------------------------------

  async createPeriod(input: Omit<InputOf<'periods:create'>, 'planId'>): Promise<ReportingPeriod> {
    const created = await this.saves.track(() => call('periods:create', { planId: this.store.planId, ...input }));
    await this.store.load();
    const periodId = created.id;
    this.undo.push({
      label: `Add reporting period ${created.label}`,
      undo: () =>
        this.saves.track(async () => void (await call('periods:delete', { periodId }), await this.store.load())),
      redo: () =>
        this.saves.track(async () => void (await call('periods:restore', { periodId }), await this.store.load())),
    });
    return created;
  }

  /** Deletes a period; undo brings it back in its place, current or compared-with again if it was. */
  async deletePeriod(periodId: string): Promise<void> {
    const period = this.tree.periods.find((p) => p.id === periodId);
    if (!period) throw new Error('That reporting period no longer exists.');
    const wasCurrent = this.tree.plan.currentPeriodId === periodId;
    const wasCompare = this.tree.plan.comparePeriodId === periodId;
    await this.record(
      `Delete reporting period ${period.label}`,
      async () => {
        await call('periods:delete', { periodId });
        await this.store.load();
      },
      async () => {
        await call('periods:restore', { periodId });
        if (wasCurrent || wasCompare) {
          const plan = this.tree.plan;
          await call('periods:setCurrent', {
            planId: plan.id,
            currentPeriodId: wasCurrent ? periodId : plan.currentPeriodId,
            comparePeriodId: wasCompare ? periodId : plan.comparePeriodId,
          });
        }
        await this.store.load();
      },
    );
  }

  async createRecommendation(input: Omit<InputOf<'recommendations:create'>, 'planId'>): Promise<Recommendation> {
    const created = await this.saves.track(() =>
      call('recommendations:create', { planId: this.store.planId, ...input }),
    );
    await this.store.load();
    const recommendationId = created.id;
    this.undo.push({
      label: `Add ${created.label}`,
      undo: () =>
        this.saves.track(
          async () => void (await call('recommendations:delete', { recommendationId }), await this.store.load()),
        ),
      redo: () =>
        this.saves.track(
          async () => void (await call('recommendations:restore', { recommendationId }), await this.store.load()),
        ),
    });
    return created;
  }

  async deleteRecommendation(recommendationId: string): Promise<void> {
    const rec = this.tree.recommendations.find((r) => r.id === recommendationId);
    if (!rec) throw new Error('That recommendation no longer exists.');
    await this.record(
      `Delete ${rec.label}`,
      async () => {
        await call('recommendations:delete', { recommendationId });
        await this.store.load();
      },
      async () => {
        await call('recommendations:restore', { recommendationId });
        await this.store.load();
      },
    );
  }

  // ---- People -------------------------------------------------------------------------------------
  // The directory is shared by every plan, so it is not in the plan tree: the People tab listens here and
  // reads the list again after each write, undo and redo.

  /** Called after every people write (and its undo and redo); answers the unsubscribe. */
  onPeopleChanged(listener: () => void): () => void {
    this.peopleListeners.add(listener);
    return () => this.peopleListeners.delete(listener);
  }

  private peopleChanged(): void {
    for (const l of this.peopleListeners) l();
  }

  /** Adds a person; undo removes them again. */
  async createPerson(input: Omit<InputOf<'people:upsert'>, 'id'>): Promise<Person> {
    const created = await this.saves.track(() => call('people:upsert', input));
    this.peopleChanged();
    this.recordPersonLife(`Add ${created.name} to People`, created.id, false);
    return created;
  }

  /** Changes a person's fields (name, job title, other names...); undo puts the old ones back. */
  async updatePerson(person: Person, patch: PersonPatch): Promise<Person> {
    const prev = personFields(person);
    const next = { ...prev, ...patch };
    let stored = person;
    const apply = (f: PersonFields & { id: string }) => async () => {
      stored = await call('people:upsert', f);
      this.peopleChanged();
    };
    const what = Object.keys(patch)
      .map((k) => PERSON_WORDS[k as keyof PersonFields])
      .join(', ');
    await this.record(`Edit ${what} of ${person.name}`, apply(next), apply(prev));
    return stored;
  }

  /** Removes a person from the directory; undo brings them back with their other names. */
  async deletePerson(person: Person): Promise<void> {
    await this.saves.track(async () => {
      await call('people:delete', { personId: person.id });
      this.peopleChanged();
    });
    this.recordPersonLife(`Remove ${person.name} from People`, person.id, true);
  }

  /**
   * "Link 'F Dunmore' to a person…": the text becomes another name of a person, or a new person. Undo puts
   * the person's other names back, or removes the new person.
   */
  async linkName(input: InputOf<'people:link'>): Promise<Person> {
    const before = 'personId' in input ? (await call('people:list', {})).find((p) => p.id === input.personId) : null;
    const linked = await this.saves.track(() => call('people:link', input));
    this.peopleChanged();
    const label = `Link “${input.text}” to ${linked.name}`;
    if (!before) {
      this.recordPersonLife(label, linked.id, false);
      return linked;
    }
    const aliases = (list: string[]) => async () => {
      await call('people:upsert', { ...personFields(before), aliases: list });
      this.peopleChanged();
    };
    this.undo.push({
      label,
      undo: () => this.saves.track(aliases([...before.aliases])),
      redo: () => this.saves.track(aliases([...linked.aliases])),
    });
    return linked;
  }

  private recordPersonLife(label: string, personId: string, removed: boolean): void {
    const remove = async () => {
      await call('people:delete', { personId });
      this.peopleChanged();
    };
    const bringBack = async () => {
      await call('people:restore', { personId });
      this.peopleChanged();
    };
    this.undo.push({
      label,
      undo: () => this.saves.track(removed ? bringBack : remove),
      redo: () => this.saves.track(removed ? remove : bringBack),
    });
  }
}

export type PlanPatch = InputOf<'plans:update'>['patch'];
export type PeriodPatch = InputOf<'periods:update'>['patch'];
export type RecommendationPatch = InputOf<'recommendations:update'>['patch'];
export type ScaleInput = InputOf<'scale:set'>['levels'][number];
type PersonFields = Pick<Person, 'name' | 'jobTitle' | 'service' | 'email' | 'signatory' | 'aliases'>;
export type PersonPatch = Partial<PersonFields>;

const PERSON_WORDS: Record<keyof PersonFields, string> = {
  name: 'name',
  jobTitle: 'job title',
  service: 'service',
  email: 'email',
  signatory: 'signatory',
  aliases: 'other names',
};

const personFields = (p: Person): PersonFields & { id: string } => ({
  id: p.id,
  name: p.name,
  jobTitle: p.jobTitle,
  service: p.service,
  email: p.email,
  signatory: p.signatory,
  aliases: [...p.aliases],
});

/** Live levels in position order. */
const byPosition = (levels: readonly RatingLevel[]): RatingLevel[] =>
  levels.filter((l) => l.deletedAt === null).sort((a, b) => a.position - b.position);

const PLAN_WORDS: Record<keyof PlanPatch, string> = {
  title: 'title',
  organisation: 'organisation',
  service: 'service',
  planPeriod: 'plan period',
  introduction: 'introduction',
  governance: 'governance',
  recommendationsHeading: 'recommendations heading',
  columns: 'columns',
  appendixNumber: 'appendix number',
};

/** The stored values of the fields a patch names (what undo puts back). */
function pick<P extends object>(stored: object, patch: P): P {
  const out: Partial<P> = {};
  const from = stored as P;
  for (const key of Object.keys(patch) as (keyof P)[]) out[key] = from[key];
  return out as P;
}

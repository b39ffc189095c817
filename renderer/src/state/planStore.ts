/**
 * The open plan's tree in memory, as an external store for `useSyncExternalStore`.
 * Writes go through the contract and the answers are patched into the tree (a new tree object each
 * time, entities replaced by id), so components re-render only when what they read changed.
 * Structural changes (create, move, delete) reload the whole tree, since the store renumbers references.
 */
import type {
  Action,
  Indicator,
  Lead,
  Objective,
  PlanTree,
  ProgressUpdate,
  Rating,
  Section,
} from '../../../shared/model';
import { call } from '../api';

export type Listener = () => void;

export class PlanStore {
  private tree: PlanTree | null = null;
  private listeners = new Set<Listener>();
  private loadSeq = 0;

  constructor(readonly planId: string) {}

  getTree = (): PlanTree | null => this.tree;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** (Re)loads the whole tree; a later call wins over an earlier one still in flight. */
  async load(): Promise<PlanTree> {
    const seq = ++this.loadSeq;
    performance.mark('planwright:tree-requested');
    const tree = await call('plans:get', { planId: this.planId });
    // Marks let the benchmark split loading from rendering.
    performance.mark('planwright:tree-received');
    if (seq === this.loadSeq) this.setTree(tree);
    return tree;
  }

  setTree(tree: PlanTree): void {
    this.tree = tree;
    for (const l of this.listeners) l();
  }

  private update(fn: (t: PlanTree) => PlanTree): void {
    if (this.tree) this.setTree(fn(this.tree));
  }

  putAction(action: Action): void {
    this.update((t) => ({ ...t, actions: replaceById(t.actions, action) }));
  }

  putLeads(actionId: string, leads: Lead[]): void {
    this.update((t) => ({ ...t, actions: t.actions.map((a) => (a.id === actionId ? { ...a, leads } : a)) }));
  }

  putSection(section: Section): void {
    this.update((t) => ({ ...t, sections: replaceById(t.sections, section) }));
  }

  putObjective(objective: Objective): void {
    this.update((t) => ({ ...t, objectives: replaceById(t.objectives, objective) }));
  }

  /** Sets (or clears, with null) the rating of an action in a period. */
  putRating(actionId: string, periodId: string, rating: Rating | null): void {
    this.update((t) => {
      const rest = t.ratings.filter((r) => !(r.actionId === actionId && r.periodId === periodId));
      return { ...t, ratings: rating ? [...rest, rating] : rest };
    });
  }

  putProgress(progress: ProgressUpdate): void {
    this.update((t) => {
      const live = progress.deletedAt === null;
      const exists = t.progress.some((p) => p.id === progress.id);
      const list = exists ? t.progress.map((p) => (p.id === progress.id ? progress : p)) : [...t.progress, progress];
      return { ...t, progress: live ? list : list.filter((p) => p.id !== progress.id) };
    });
  }

  putIndicator(indicator: Indicator): void {
    this.update((t) => ({ ...t, indicators: replaceById(t.indicators, indicator) }));
  }

  removeIndicator(indicatorId: string): void {
    this.update((t) => ({ ...t, indicators: t.indicators.filter((i) => i.id !== indicatorId) }));
  }

  removeProgress(progressId: string): void {
    this.update((t) => ({ ...t, progress: t.progress.filter((p) => p.id !== progressId) }));
  }
}

function replaceById<T extends { id: string }>(list: T[], item: T): T[] {
  let found = false;
  const next = list.map((x) => {
    if (x.id !== item.id) return x;
    found = true;
    return item;
  });
  return found ? next : [...next, item];
}

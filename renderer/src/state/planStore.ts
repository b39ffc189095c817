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
import type { PlanSummary } from '../../../shared/summary-schema';
import { call } from '../api';

export type Listener = () => void;

export class PlanStore {
  private tree: PlanTree | null = null;
  private listeners = new Set<Listener>();
  private loadSeq = 0;
  /** Bumped on every change of the plan's content (edits, reloads), not when the whole tree follows the first screen. */
  private contentRevision = 0;
  /** While only the first screen is loaded: the actions whose ratings and progress are in the tree. */
  private detailed: ReadonlySet<string> | null = null;
  /** Patches made while a load was in flight, replayed onto its answer (they replace entities by id). */
  private patches: ((t: PlanTree) => PlanTree)[] = [];
  private inFlight = 0;
  /** The Overview's summary for the default periods, when the first screen was asked for with it. */
  private firstSummary: PlanSummary | null = null;
  /** While only the Overview's first screen is in: not every action is in the tree yet. */
  private overviewOnly = false;
  /** While only the first sections' rows are in: the sections whose rows are still to come. */
  private pendingSections: ReadonlySet<string> = new Set();

  constructor(readonly planId: string) {}

  getTree = (): PlanTree | null => this.tree;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * The plan's content revision: views that asked the store for something derived (the Overview's summary) ask
   * again only when it changes, so the whole tree arriving after the first screen costs no second read.
   */
  get revision(): number {
    return this.contentRevision;
  }

  /** True until the whole tree is in (after `open`, only the first screen's details may be). */
  get partial(): boolean {
    return this.detailed !== null;
  }

  /**
   * True while not every row is in: only the Overview's first screen (its listed actions: no table yet), or
   * only the first sections' rows (`rowsPending` says which sections are still to come).
   */
  get rowsPartial(): boolean {
    return this.overviewOnly || this.pendingSections.size > 0;
  }

  /**
   * While the rows in are the first sections' (not the Overview's): the sections whose rows are still to come.
   * The plan table shows the rows it has and says the rest is loading; null when the table can't show rows yet.
   */
  get rowsPending(): ReadonlySet<string> | null {
    return this.overviewOnly ? null : this.pendingSections;
  }

  /** Whether an action's ratings and progress are loaded (always, once the whole tree is in). */
  hasDetails(actionId: string): boolean {
    return this.detailed === null || this.detailed.has(actionId);
  }

  /**
   * Opens the plan the fast way (issue 11.12): the first screen (the first sections' rows, the first actions'
   * ratings and progress) and then, after it has been painted, the whole tree. With `summary` (opened on the Overview),
   * the first screen is the Overview's: its summary and only the actions it lists (`rowsPartial`).
   */
  async open(options: { summary?: boolean } = {}): Promise<PlanTree> {
    const seq = ++this.loadSeq;
    performance.mark('planwright:tree-requested');
    const first = await this.fetch(() =>
      call('plans:getFirstScreen', {
        planId: this.planId,
        ...(options.summary ? { summary: true, overview: true } : {}),
      }),
    );
    performance.mark('planwright:tree-received');
    if (seq === this.loadSeq) {
      this.detailed = new Set(first.value.detailedActionIds);
      this.firstSummary = first.value.summary ?? null;
      this.overviewOnly = options.summary === true;
      this.pendingSections = new Set(first.value.pendingSectionIds);
      this.setTree(this.replay(first.value.tree, first.patches));
      // The rest once the first screen is on screen (a later load supersedes this one).
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      if (seq === this.loadSeq) return this.load(true);
    }
    return first.value.tree;
  }

  /** The summary that came with the first screen (once: later ones are asked for afresh). */
  takeFirstSummary(): PlanSummary | null {
    const summary = this.firstSummary;
    this.firstSummary = null;
    return summary;
  }

  /** (Re)loads the whole tree; a later call wins over an earlier one still in flight. */
  async load(sameContent = false): Promise<PlanTree> {
    const seq = ++this.loadSeq;
    const { value: tree, patches } = await this.fetch(() => call('plans:get', { planId: this.planId }));
    // Marks let the benchmark split loading from rendering.
    performance.mark('planwright:full-tree-received');
    if (seq === this.loadSeq) {
      this.detailed = null;
      this.overviewOnly = false;
      this.pendingSections = new Set();
      // The whole tree that follows the first screen holds the same content (edits made meanwhile bumped it).
      if (!sameContent) this.contentRevision++;
      this.setTree(this.replay(tree, patches));
    }
    return tree;
  }

  /** Runs a read, collecting the patches made meanwhile (the answer may predate them). */
  private async fetch<T>(read: () => Promise<T>): Promise<{ value: T; patches: ((t: PlanTree) => PlanTree)[] }> {
    const from = this.patches.length;
    this.inFlight++;
    try {
      const value = await read();
      return { value, patches: this.patches.slice(from) };
    } finally {
      if (--this.inFlight === 0) this.patches = [];
    }
  }

  private replay(tree: PlanTree, patches: ((t: PlanTree) => PlanTree)[]): PlanTree {
    return patches.reduce((t, fn) => fn(t), tree);
  }

  setTree(tree: PlanTree): void {
    this.tree = tree;
    for (const l of this.listeners) l();
  }

  private update(fn: (t: PlanTree) => PlanTree): void {
    this.contentRevision++;
    if (this.inFlight > 0) this.patches.push(fn);
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

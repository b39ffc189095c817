/**
 * `planwright update PLAN REF [--period P] [--progress TEXT] [--internal] [--rating LEVEL] [--explanation TEXT]
 * [--corrective TEXT] [--as NAME]`: a lead's (or the owner's) update of one action from the command line,
 * through the same contract channels and validation as the app. LEVEL is a rating level's key or label
 * ("none" clears the rating). On a lead's copy the person defaults to the lead the invitation named.
 */
import type { PlanTree } from '../../../shared/model';
import { CliError } from '../context';
import { defineCommand } from '../registry';
import { resolvePeriod } from '../resolve';
import { findPlan, friendly } from './sync-common';
import { personNamed } from '../../../shared/leads';

interface UpdateOpts {
  period?: string;
  progress?: string;
  internal?: boolean;
  rating?: string;
  explanation?: string;
  corrective?: string;
  as?: string;
  db?: string;
}

/** The live action with this reference (exactly, ignoring case and spaces), or a clear error. */
export function findAction(tree: PlanTree, ref: string): PlanTree['actions'][number] {
  const want = ref.trim().toLowerCase().replace(/\s+/g, '');
  const live = tree.actions.filter((a) => a.deletedAt === null);
  const found =
    live.find((a) => a.id === ref.trim()) ?? live.find((a) => a.reference.toLowerCase().replace(/\s+/g, '') === want);
  if (found) return found;
  const refs = live.map((a) => a.reference).filter(Boolean);
  throw new CliError(
    `No action in "${tree.plan.title}" has the reference "${ref}".${refs.length ? ` References run ${refs[0]} to ${refs[refs.length - 1]}.` : ''}`,
  );
}

/** A rating level by key or label (case-insensitive); "none" = not rated. */
export function findLevel(tree: PlanTree, level: string): string | null {
  const q = level.trim().toLowerCase();
  if (q === 'none' || q === 'not rated') return null;
  const live = tree.levels.filter((l) => l.deletedAt === null);
  const found =
    live.find((l) => l.key.toLowerCase() === q) ??
    live.find((l) => l.label.toLowerCase() === q) ??
    only(live.filter((l) => l.label.toLowerCase().startsWith(q)));
  if (found) return found.id;
  throw new CliError(
    `"${level}" is not a rating level of this plan. Levels: ${live.map((l) => (l.key === l.label ? l.label : `${l.key} (${l.label})`)).join(', ')}; or "none".`,
  );
}

const only = <T>(items: T[]): T | undefined => (items.length === 1 ? items[0] : undefined);

defineCommand((program, deps) => {
  program
    .command('update')
    .description("write a progress update and/or a (proposed) rating for one action, as the app's update round does")
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .argument('<ref>', 'the action reference, e.g. 2.3')
    .option('--period <period>', "reporting period (label or id; default: the plan's current period)")
    .option('--progress <text>', 'a progress update to add')
    .option('--internal', 'the progress update is an internal note (never published unless asked)')
    .option('--rating <level>', 'rating level key or label (e.g. "amber", "3"), or "none"')
    .option('--explanation <text>', 'explanation (expected with a red or amber rating)')
    .option('--corrective <text>', 'corrective action (expected with a red or amber rating)')
    .option('--as <name>', "who is writing (default: this copy's lead, or your user name)")
    .action(async (planQuery: string, ref: string, opts: UpdateOpts) => {
      const ratingGiven = opts.rating !== undefined || opts.explanation !== undefined || opts.corrective !== undefined;
      if (opts.progress === undefined && !ratingGiven)
        throw new CliError(
          'Give something to write: --progress TEXT, --rating LEVEL, --explanation TEXT or --corrective TEXT.',
          2,
        );
      if (opts.internal && opts.progress === undefined)
        throw new CliError('--internal marks a progress update; give one with --progress TEXT.', 2);
      const app = await deps.open(opts.db);
      const plan = await findPlan(app, planQuery);
      const tree = await app.call('plans:get', { planId: plan.id });
      const action = findAction(tree, ref);
      const period = opts.period
        ? resolvePeriod(tree.periods, opts.period)
        : tree.periods.find((p) => p.id === tree.plan.currentPeriodId && p.deletedAt === null);
      if (!period) throw new CliError(`"${tree.plan.title}" has no current reporting period; name one with --period.`);
      const engine = await import('../../sync/engine');
      const sync = await friendly(() => engine.planSync(app.store, plan.id));
      const person = opts.as?.trim() || (sync?.role === 'lead' ? sync.person : null) || app.store.actor();
      app.store.setActor(person);
      // shared/leads.ts's rule, with the names the person has in People (their aliases).
      const who = sync?.role === 'lead' ? personNamed(person, await app.call('people:list', {})) : null;
      if (who && !action.leads.some((l) => engine.leadMatches(l.name, who) || engine.leadMatches(l.name, person))) {
        const leads = action.leads.map((l) => l.name).join('; ') || 'nobody';
        throw new CliError(
          `${action.reference} is led by ${leads}, not ${person}. On a lead's copy you can update only your own actions.`,
        );
      }
      if (period.locked)
        throw new CliError(
          `The period "${period.label}" is locked (signed off); updates go into an unlocked period. Use --period.`,
        );
      const done: string[] = [];
      if (opts.progress !== undefined) {
        if (!opts.progress.trim()) throw new CliError('The progress update is empty.', 2);
        await app.call('progress:add', {
          actionId: action.id,
          periodId: period.id,
          body: opts.progress,
          internal: !!opts.internal,
        });
        done.push(opts.internal ? 'an internal note' : 'a progress update');
      }
      if (ratingGiven) {
        const current = tree.ratings.find((r) => r.actionId === action.id && r.periodId === period.id);
        const levelId = opts.rating !== undefined ? findLevel(tree, opts.rating) : (current?.levelId ?? null);
        await app.call('ratings:set', {
          actionId: action.id,
          periodId: period.id,
          levelId,
          explanation: opts.explanation ?? current?.explanation ?? '',
          correctiveAction: opts.corrective ?? current?.correctiveAction ?? '',
        });
        const label = levelId ? tree.levels.find((l) => l.id === levelId)?.label : 'not rated';
        done.push(opts.rating !== undefined ? `the rating "${label}"` : 'the rating explanation');
      }
      deps.out(`Saved ${done.join(' and ')} for ${action.reference} (${period.label}) as ${person}.`);
    });
});

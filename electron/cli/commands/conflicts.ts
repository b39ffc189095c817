/**
 * `planwright conflicts PLAN [--json]`: fields two people changed without seeing each other's change (each
 * with its versions: who, when, what; and the common base), and changes held back for the owner to decide.
 * `planwright resolve PLAN CONFLICT --keep N|PERSON|OPID` or `--text TEXT` (combine both into new text),
 * `planwright resolve PLAN --accept HELD` / `--reject HELD`: settle one. CONFLICT and HELD are the ids the
 * listing prints (or their first characters).
 */
import type * as Engine from '../../sync/engine';
import { CliError } from '../context';
import { truncate } from '../format';
import { defineCommand } from '../registry';
import { findPlan, friendly } from './sync-common';

type Conflict = ReturnType<typeof Engine.listConflicts>[number];
type Held = ReturnType<typeof Engine.listHeld>[number];
const loadEngine = () => import('../../sync/engine');

const show = (v: unknown) =>
  v === null || v === undefined || v === '' ? '(empty)' : typeof v === 'string' ? v : JSON.stringify(v);
const FIELD_WORDS: Record<string, string> = {
  levelId: 'rating',
  correctiveAction: 'corrective action',
  body: 'progress text',
  dueText: 'due date',
  ratedBy: 'rated by',
  ratedAt: 'rated at',
};
/** "2026-12-01T23:27:10.410Z" as "2026-12-01 23:27 UTC". */
const when = (iso: string) =>
  /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;

export function conflictsText(
  conflicts: readonly Conflict[],
  held: readonly Held[],
  levels: readonly { id: string; label: string }[] = [],
): string {
  const value = (c: Conflict, v: unknown) =>
    c.field === 'levelId'
      ? v === null || v === undefined
        ? 'Not rated'
        : (levels.find((l) => l.id === v)?.label ?? show(v))
      : show(v);
  if (conflicts.length === 0 && held.length === 0) return 'No conflicts and nothing held back.';
  const lines: string[] = [];
  if (conflicts.length)
    lines.push(`${conflicts.length} field${conflicts.length === 1 ? ' has' : 's have'} 2 or more versions:`);
  conflicts.forEach((c, n) => {
    lines.push('', `${n + 1}. ${c.label}: ${FIELD_WORDS[c.field] ?? c.field}  (id ${shortId(c.id)})`);
    if (c.base)
      lines.push(`   before both: ${truncate(value(c, c.base.value), 100)} (${c.base.person}, ${when(c.base.at)})`);
    c.versions.forEach((v, i) =>
      lines.push(`   version ${i + 1}: ${truncate(value(c, v.value), 100)} (${v.person}, ${when(v.at)})`),
    );
  });
  if (held.length) {
    lines.push('', `${held.length} change${held.length === 1 ? ' is' : 's are'} held back:`);
    held.forEach((h, n) => lines.push(`${n + 1}. ${h.reason}  (id ${h.id.slice(0, 8)})`));
  }
  return lines.join('\n');
}

/** The short form the listing prints: the row id's first 8 characters and the field ("3f1c2a9e/levelId"). */
const shortId = (id: string) => {
  const slash = id.indexOf('/');
  return slash < 0 ? id.slice(0, 8) : `${id.slice(0, Math.min(8, slash))}/${id.slice(slash + 1)}`;
};

/** An item by its full id, its number in the listing, its short form, or a unique start of its id. */
function pick<T extends { id: string }>(items: readonly T[], query: string, what: string): T {
  const q = query.trim().toLowerCase();
  const exact = items.find((i) => i.id.toLowerCase() === q);
  if (exact) return exact;
  if (/^\d+$/.test(q) && Number(q) >= 1 && Number(q) <= items.length) return items[Number(q) - 1]!;
  const short = items.filter((i) => shortId(i.id).toLowerCase() === q);
  if (short.length === 1) return short[0]!;
  const found = items.filter((i) => i.id.toLowerCase().startsWith(q));
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw new CliError(`"${query}" matches ${found.length} ${what}s; give more of the id.`);
  throw new CliError(`No ${what} has the id "${query}". Run \`planwright conflicts PLAN\` to list them.`);
}

defineCommand((program, deps) => {
  program
    .command('conflicts')
    .description('list the fields with 2 or more versions (who changed what, when) and the changes held back')
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .option('--json', 'print {"conflicts":[...],"heldBack":[...]} as JSON')
    .action(async (planQuery: string, opts: { json?: boolean; db?: string }) => {
      const app = await deps.open(opts.db);
      const plan = await findPlan(app, planQuery);
      const engine = await loadEngine();
      const conflicts = await friendly(() => engine.listConflicts(app.store, plan.id));
      const held = await friendly(() => engine.listHeld(app.store, plan.id));
      const levels = opts.json ? [] : (await app.call('plans:get', { planId: plan.id })).levels;
      deps.out(
        opts.json
          ? JSON.stringify({ planId: plan.id, conflicts, heldBack: held }, null, 2)
          : conflictsText(conflicts, held, levels),
      );
    });

  program
    .command('resolve')
    .description(
      'settle a conflict (keep one version, or --text to combine them) or accept / reject a held-back change',
    )
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .argument('[conflict]', 'the conflict: its number or id from `planwright conflicts`')
    .option('--keep <version>', "the version to keep: its number in the listing, the person's name, or the op id")
    .option('--text <text>', 'new text combining the versions (text fields)')
    .option('--accept <held>', 'apply a held-back change (its number or id from the listing)')
    .option('--reject <held>', 'discard a held-back change (kept in the record, never applied)')
    .option('--as <name>', 'who is deciding (default: your user name)')
    .action(
      async (
        planQuery: string,
        conflictQuery: string | undefined,
        opts: { keep?: string; text?: string; accept?: string; reject?: string; as?: string; db?: string },
      ) => {
        const app = await deps.open(opts.db);
        const plan = await findPlan(app, planQuery);
        const engine = await loadEngine();
        const person = opts.as?.trim() || app.store.actor();
        app.store.setActor(person);
        if (opts.accept || opts.reject) {
          if (conflictQuery || opts.keep || opts.text !== undefined || (opts.accept && opts.reject))
            throw new CliError('Give one of: CONFLICT with --keep or --text, --accept HELD, or --reject HELD.', 2);
          const held = pick(
            await friendly(() => engine.listHeld(app.store, plan.id)),
            (opts.accept ?? opts.reject)!,
            'held-back change',
          );
          if (opts.accept) await friendly(() => engine.acceptHeld(app.store, held.id, person));
          else await friendly(() => engine.rejectHeld(app.store, held.id, person));
          deps.out(`${opts.accept ? 'Applied' : 'Rejected'} the held-back change: ${held.reason}`);
          return;
        }
        if (!conflictQuery) throw new CliError('Name the conflict to resolve (its id from `planwright conflicts`).', 2);
        if ((opts.keep === undefined) === (opts.text === undefined))
          throw new CliError('Say how to resolve it: --keep VERSION (number, person or op id) or --text TEXT.', 2);
        const conflict = pick(
          await friendly(() => engine.listConflicts(app.store, plan.id)),
          conflictQuery,
          'conflict',
        );
        if (opts.keep !== undefined) {
          const k = opts.keep.trim();
          const n = /^\d+$/.test(k) ? Number(k) : NaN;
          const byPerson = conflict.versions.filter((v) => v.person.toLowerCase() === k.toLowerCase());
          const version =
            (n >= 1 && n <= conflict.versions.length ? conflict.versions[n - 1] : undefined) ??
            conflict.versions.find((v) => v.opId === k) ??
            (byPerson.length === 1 ? byPerson[0] : undefined);
          if (!version)
            throw new CliError(
              `--keep ${k} names none of the ${conflict.versions.length} versions. Give a number from 1 to ${conflict.versions.length}, a person or an op id.`,
              2,
            );
          await friendly(() => engine.resolveConflict(app.store, plan.id, conflict.id, { keep: version.opId }, person));
          deps.out(
            `Resolved ${conflict.label} (${FIELD_WORDS[conflict.field] ?? conflict.field}): kept the version by ${version.person}.`,
          );
        } else {
          const sample = conflict.versions.find((v) => v.value !== null && v.value !== undefined)?.value;
          if (sample !== undefined && typeof sample !== 'string')
            throw new CliError(`${conflict.label} is not a text field; keep one version with --keep.`, 2);
          await friendly(() => engine.resolveConflict(app.store, plan.id, conflict.id, { value: opts.text }, person));
          deps.out(
            `Resolved ${conflict.label} (${FIELD_WORDS[conflict.field] ?? conflict.field}) with the combined text.`,
          );
        }
      },
    );
});

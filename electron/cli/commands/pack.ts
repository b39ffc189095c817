/**
 * `planwright pack invite|open|return`: update packs between the plan's owner and its service leads.
 *   pack invite PLAN --lead NAME --out FILE   an invitation for a lead (NAME as the plan's lead cells write it)
 *   pack open FILE [--json]                   open an invitation, or apply an update pack
 *   pack return PLAN --out FILE               this copy's changes the other side has not acknowledged
 */
import path from 'node:path';
import { PACK_EXTENSION } from '../../sync/pack';
import type { OpenReport } from '../../sync/pack-flow';
import { CliError } from '../context';
import { defineCommand } from '../registry';
import { findPlan, friendly } from './sync-common';

/** The pack modules, loaded when a command runs (so `--help` and other commands start quickly). */
const flow = () => import('../../sync/pack-flow');

function outFile(out: string | undefined): string {
  if (!out) throw new CliError(`Say where to write the pack with --out FILE${PACK_EXTENSION}.`, 2);
  const resolved = path.resolve(out);
  if (!resolved.toLowerCase().endsWith(PACK_EXTENSION))
    throw new CliError(`The pack file must end in ${PACK_EXTENSION}.`, 2);
  return resolved;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The report of an opened pack as text. */
export function openReportText(r: OpenReport): string {
  const who =
    r.from.lead && r.from.lead !== r.from.person ? `${r.from.person} (${r.from.lead})` : r.from.person || 'the sender';
  if (r.duplicatePack) return `This pack from ${who} for "${r.planTitle}" was opened before; nothing changed.`;
  const lines = [
    r.kind === 'invitation'
      ? `Opened the invitation from ${who}: "${r.planTitle}" is now on this computer for ${r.from.lead ?? 'you'} to update.`
      : `Opened the pack from ${who} for "${r.planTitle}".`,
    `Applied: ${plural(r.applied, 'change')}. Conflicts: ${r.conflicts}. Held back: ${r.heldBack.length}. Already here: ${r.duplicates}.${r.pending ? ` Waiting for earlier changes: ${r.pending}.` : ''}`,
  ];
  for (const h of r.heldBack) lines.push(`  held back (${h.id.slice(0, 8)}): ${h.reason}`);
  if (r.conflicts)
    lines.push('Run `planwright conflicts PLAN` to see the conflicts and `planwright resolve` to settle them.');
  return lines.join('\n');
}

defineCommand((program, deps) => {
  const pack = program
    .command('pack')
    .description('update packs between the plan owner and service leads (invite, open, return)');

  pack
    .command('invite')
    .description(
      "write an invitation pack for a service lead (the plan for context, minus other people's internal notes)",
    )
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .option('--lead <name>', 'the lead, as the plan\'s lead column names them (e.g. "F Dunmore")')
    .option('--out <file>', `the pack to write (${PACK_EXTENSION})`)
    .option('--db <path>', 'the plan store')
    .action(async (planQuery: string, opts: { lead?: string; out?: string; db?: string }) => {
      if (!opts.lead?.trim()) throw new CliError('Name the lead to invite with --lead NAME.', 2);
      const out = outFile(opts.out);
      const app = await deps.open(opts.db);
      const plan = await findPlan(app, planQuery);
      const { makeInvitation, writePackFile } = await flow();
      const made = await friendly(() => makeInvitation(app.store, plan.id, opts.lead!));
      const file = await friendly(() => writePackFile(out, made.bytes));
      deps.out(
        `Wrote an invitation for ${opts.lead!.trim()} to update "${plan.title}" to ${file} (${plural(made.ops, 'change')}, ${Math.max(1, Math.round(made.bytes.length / 1024))} KB).`,
      );
    });

  pack
    .command('open')
    .description('open an invitation, or apply an update pack from the owner or a lead')
    .argument('<file>', `the pack (${PACK_EXTENSION})`)
    .option('--json', 'print {"planId","applied","conflicts","heldBack","duplicates"} as JSON')
    .option('--db <path>', 'the plan store')
    .action(async (file: string, opts: { json?: boolean; db?: string }) => {
      const [{ readPackFromFile, openReadPack }, { decodePack }] = await Promise.all([
        flow(),
        import('../../sync/pack'),
      ]);
      const data = await friendly(() => readPackFromFile(path.resolve(file)));
      const read = await friendly(() => decodePack(data));
      // Only an invitation may create a plan store (a lead's first pack); any other pack needs the plan here.
      const app = await deps.open(opts.db, { create: read.header.kind === 'invitation' });
      const report = await friendly(() => openReadPack(app.store, read));
      if (opts.json) {
        deps.out(
          JSON.stringify(
            {
              planId: report.planId,
              planTitle: report.planTitle,
              kind: report.kind,
              packId: report.packId,
              from: report.from,
              duplicatePack: report.duplicatePack,
              applied: report.applied,
              conflicts: report.conflicts,
              heldBack: report.heldBack,
              duplicates: report.duplicates,
              pending: report.pending,
            },
            null,
            2,
          ),
        );
      } else deps.out(openReportText(report));
    });

  pack
    .command('return')
    .description(
      "write a pack of this copy's changes the other side has not acknowledged (a lead's copy: to the owner; the owner's copy: to every lead, or one with --lead)",
    )
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .option('--out <file>', `the pack to write (${PACK_EXTENSION})`)
    .option('--lead <name>', "owner's copy: only for this lead")
    .option('--db <path>', 'the plan store')
    .action(async (planQuery: string, opts: { out?: string; lead?: string; db?: string }) => {
      const out = outFile(opts.out);
      const app = await deps.open(opts.db);
      const plan = await findPlan(app, planQuery);
      const { makeReturn, writePackFile } = await flow();
      const made = await friendly(() => makeReturn(app.store, plan.id, opts.lead ? { forLead: opts.lead } : {}));
      const file = await friendly(() => writePackFile(out, made.bytes));
      const to =
        made.header.sender.role === 'lead'
          ? "the plan's owner"
          : made.header.recipient.lead
            ? made.header.recipient.lead
            : 'every lead';
      deps.out(`Wrote ${plural(made.ops, 'change')} for ${to} to ${file}.`);
    });
});

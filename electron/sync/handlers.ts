/**
 * Handlers for the sync channels (shared/contract-sync.ts). Paths come only from the host's dialogs.
 * Pack and folder refusals become `invalid_input` errors carrying their plain-English message.
 */
import { directoryPerson, getMeta, getPlanTree, setMeta, type Store } from '../../db';
import { ledBy } from '../../shared/leads';
import type { HandlersFor } from '../../shared/dispatch';
import type { PlanTree } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { liveActions } from '../../shared/tree';
import type { Host } from '../host';
import * as engine from './engine';
import { syncFolder } from './folder-sync';
import { leadUpdateStatus } from './review';
import { KeyUnavailableError, type KeyWrapper } from './keys';
import { PACK_EXTENSION, PackError } from './pack';
import {
  invitedLeads,
  makeInvitation,
  makeReturn,
  openPack,
  readPackFromFile,
  receivedPacks,
  writePackFile,
} from './pack-flow';
import type { SyncChannel } from '../../shared/contract';

const PACK_FILTER = [{ name: 'Planwright update pack', extensions: [PACK_EXTENSION.slice(1)] }];

export interface SyncHandlerDeps {
  store: Store;
  host: Host;
  keyWrapper?: KeyWrapper;
}

/** Runs `fn`, giving pack and key problems the dispatcher's `invalid_input` with their message. */
async function clear<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PackError || error instanceof KeyUnavailableError)
      throw new DomainError('invalid_input', error.message);
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new DomainError(
        'invalid_input',
        'Planwright is not allowed to write to that folder. Choose another place.',
      );
    if (code === 'ENOSPC') throw new DomainError('invalid_input', 'The disk is full; nothing was written.');
    throw error;
  }
}

const safeName = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not hold
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120) || 'Planwright';

function leadsOf(tree: PlanTree): { lead: string; actions: number }[] {
  const byName = new Map<string, { lead: string; actions: number }>();
  for (const a of tree.actions) {
    if (a.deletedAt !== null) continue;
    for (const l of a.leads) {
      const key = l.name.trim().toLowerCase();
      if (!key) continue;
      const row = byName.get(key) ?? { lead: l.name.trim(), actions: 0 };
      row.actions++;
      byName.set(key, row);
    }
  }
  return [...byName.values()].sort((x, y) => x.lead.localeCompare(y.lead));
}

/** The action a synced row belongs to (the action itself, its rating, progress update or lead), else null. */
function actionOfRow(tree: PlanTree): (entity: string, rowId: string) => string | null {
  const byRow = new Map<string, string>();
  for (const r of tree.ratings) byRow.set(`rating:${r.id}`, r.actionId);
  for (const p of tree.progress) byRow.set(`progress:${p.id}`, p.actionId);
  for (const a of tree.actions) {
    byRow.set(`action:${a.id}`, a.id);
    for (const l of a.leads) byRow.set(`lead:${l.id}`, a.id);
  }
  return (entity, rowId) => byRow.get(`${entity}:${rowId}`) ?? null;
}

export function createSyncHandlers({ store, host, keyWrapper }: SyncHandlerDeps): HandlersFor<SyncChannel> {
  const options = keyWrapper ? { keyWrapper } : {};
  async function save(title: string, defaultName: string): Promise<string> {
    const chosen = await host.chooseSavePath({ title, defaultName, filters: PACK_FILTER });
    if (!chosen) throw new DomainError('cancelled', 'Cancelled. No pack was written.');
    return chosen.toLowerCase().endsWith(PACK_EXTENSION) ? chosen : `${chosen}${PACK_EXTENSION}`;
  }
  return {
    'sync:status': ({ planId }) => {
      getPlanTree(store, planId);
      const sync = engine.planSync(store, planId);
      return {
        planId,
        role: sync?.role ?? null,
        person: sync?.person ?? null,
        deviceId: engine.deviceId(store),
        conflicts: sync ? engine.listConflicts(store, planId).length : 0,
        heldBack: sync ? engine.listHeld(store, planId).length : 0,
      };
    },
    'sync:leads': ({ planId }) => {
      const invited = invitedLeads(store, planId);
      return leadsOf(getPlanTree(store, planId)).map((l) => ({
        ...l,
        invitedAt: invited.find((i) => i.lead.toLowerCase() === l.lead.toLowerCase())?.invitedAt ?? null,
      }));
    },
    'sync:invite': async ({ planId, lead }) => {
      const tree = getPlanTree(store, planId);
      const made = await clear(() => makeInvitation(store, planId, lead, options));
      // The pack is made first (so a refusal needs no dialog) but its transaction has committed: a cancelled
      // dialog leaves an unused invitation, which is harmless (it enrols nobody).
      const file = await save(
        `Save the invitation for ${lead}`,
        `${safeName(`${tree.plan.title} - invitation for ${lead}`)}${PACK_EXTENSION}`,
      );
      const path = await clear(() => writePackFile(file, made.bytes));
      return { path, ops: made.ops, bytes: made.bytes.length, kind: 'invitation' as const, lead };
    },
    'sync:writePack': async ({ planId, lead }) => {
      const tree = getPlanTree(store, planId);
      const sync = engine.planSync(store, planId);
      const name =
        sync?.role === 'lead'
          ? `${tree.plan.title} - updates from ${sync.person ?? 'lead'}`
          : `${tree.plan.title} - update${lead ? ` for ${lead}` : ''}`;
      // Made first, so a plan that is not shared is refused before any dialog.
      const made = await clear(() => makeReturn(store, planId, { ...options, ...(lead ? { forLead: lead } : {}) }));
      const file = await save(
        sync?.role === 'lead' ? 'Save your updates for the plan owner' : 'Save the update pack',
        `${safeName(name)}${PACK_EXTENSION}`,
      );
      const path = await clear(() => writePackFile(file, made.bytes));
      return {
        path,
        ops: made.ops,
        bytes: made.bytes.length,
        kind: 'update' as const,
        lead: made.header.recipient.lead,
      };
    },
    'sync:open': async () => {
      const file = await host.chooseOpenPath({ title: 'Open an update pack', filters: PACK_FILTER });
      if (!file) throw new DomainError('cancelled', 'Cancelled. Nothing was opened.');
      return clear(() => openPack(store, readPackFromFile(file), options));
    },
    'sync:folder': async ({ planId, chooseAgain }) => {
      const key = `sync.folder.${planId}`;
      let folder = chooseAgain ? null : getMeta(store, key);
      if (!folder) {
        if (!host.chooseFolder)
          throw new DomainError(
            'invalid_input',
            'Choosing a shared folder is not available here; use the command line (planwright sync FOLDER PLAN).',
          );
        folder = await host.chooseFolder({ title: 'Choose the shared folder for update packs' });
        if (!folder) throw new DomainError('cancelled', 'Cancelled. No folder was chosen.');
      }
      const report = await clear(() => syncFolder(store, folder, planId, options));
      setMeta(store, key, folder);
      return { folder, ...report };
    },
    'sync:received': ({ planId }) => receivedPacks(store, planId).slice().reverse(),
    'sync:returns': ({ planId, periodId }) => {
      const tree = getPlanTree(store, planId);
      const period =
        tree.periods.find((p) => p.id === (periodId ?? tree.plan.currentPeriodId) && p.deletedAt === null) ?? null;
      const received = receivedPacks(store, planId);
      const rows = invitedLeads(store, planId).map((inv) => {
        const { person, id } = directoryPerson(store, inv.lead);
        const mine = liveActions(tree).filter((a) => ledBy(a.leads, person, id));
        const ids = new Set(mine.map((a) => a.id));
        const byLead = (who: string) => engine.leadMatches(inv.lead, who) || engine.leadMatches(who, inv.lead);
        const progress = period
          ? tree.progress.filter((p) => p.deletedAt === null && p.periodId === period.id && ids.has(p.actionId))
          : [];
        const ratings = period
          ? tree.ratings.filter((r) => r.periodId === period.id && ids.has(r.actionId) && byLead(r.ratedBy))
          : [];
        const packs = received.filter((r) => r.lead !== null && r.lead.toLowerCase() === inv.lead.toLowerCase());
        return {
          lead: inv.lead,
          invitedAt: inv.invitedAt,
          lastReturnAt: packs.length ? packs[packs.length - 1]!.receivedAt : null,
          packs: packs.length,
          updates: progress.filter((p) => byLead(p.author)).length + ratings.length,
          actions: mine.length,
          outstanding: mine
            .filter((a) => !progress.some((p) => p.actionId === a.id))
            .map((a) => ({ actionId: a.id, reference: a.reference })),
        };
      });
      return { periodId: period?.id ?? null, periodLabel: period?.label ?? null, rows };
    },
    'sync:myUpdates': ({ planId }) => {
      if (engine.planSync(store, planId)?.role !== 'lead') return [];
      const tree = getPlanTree(store, planId);
      const where = new Map<string, { actionId: string; periodId: string }>();
      for (const r of tree.ratings) where.set(r.id, r);
      for (const p of tree.progress) if (p.deletedAt === null) where.set(p.id, p);
      return leadUpdateStatus(store, planId).flatMap((s) => {
        const w = where.get(s.rowId);
        return w ? [{ ...s, actionId: w.actionId, periodId: w.periodId }] : [];
      });
    },
    'sync:conflicts': ({ planId }) => {
      // A plan that is not shared has none (asked after every change by the "2 versions" badges).
      if (!engine.planSync(store, planId)) return { conflicts: [], heldBack: [] };
      const conflicts = engine.listConflicts(store, planId);
      const actionOf = conflicts.length ? actionOfRow(getPlanTree(store, planId)) : () => null;
      return {
        conflicts: conflicts.map((c) => ({ ...c, actionId: actionOf(c.entity, c.rowId) })),
        heldBack: engine.listHeld(store, planId),
      };
    },
    'sync:resolve': (input, ctx) => {
      const how = 'keep' in input ? { keep: input.keep } : { value: input.text };
      engine.resolveConflict(store, input.planId, input.conflictId, how, ctx.actor);
      return { ok: true as const };
    },
    'sync:decideHeld': ({ heldId, accept }, ctx) => {
      if (accept) engine.acceptHeld(store, heldId, ctx.actor);
      else engine.rejectHeld(store, heldId, ctx.actor);
      return { ok: true as const };
    },
  };
}

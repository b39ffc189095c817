/**
 * Making and opening update packs on top of the engine (./engine): invitations, returns, and opening a pack
 * with every check (signature, trusted key, enrolment, plan, duplicates) before one transaction applies it.
 * The command line, the contract handlers and the shared-folder pass all go through here.
 *
 * Trust: an invitation carries the owner's public key (the lead's copy trusts it for that plan) and a
 * one-off enrolment token. The lead's packs carry an HMAC of the lead device's key under that token, so
 * the owner binds the lead's device key to the lead it invited the first time it sees it; later packs from
 * that device must be signed with the same key.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { addPersonNames, directoryPerson, getMeta, getPlanTree, setMeta, type Store } from '../../db';
import { ledBy, sameName } from '../../shared/leads';
import { DomainError } from '../../shared/result';
import { SyncOp } from '../../shared/sync/op';
import * as engine from './engine';
import { deviceKeys, plainKeyWrapper, type KeyWrapper } from './keys';
import { writeFileAtomic } from './folder';
import { recordReview, reviewFor } from './review';
import {
  decodePack,
  encodePack,
  MAX_PACK_FILE_BYTES,
  PACK_EXTENSION,
  PackError,
  type PackHeader,
  type PackKind,
  type ReadPack,
  type VersionVector,
} from './pack';

export interface PackOptions {
  keyWrapper?: KeyWrapper;
  now?: () => Date;
}

export interface MadePack {
  bytes: Uint8Array;
  header: Omit<PackHeader, 'body'>;
  ops: number;
}

export interface HeldBackItem {
  id: string;
  opId: string;
  reason: string;
  entity: string;
  rowId: string;
  field: string;
}

export interface OpenReport {
  planId: string;
  planTitle: string;
  kind: PackKind;
  packId: string;
  /** Who sent it: the person, and the lead the owner invited (owner side). */
  from: { person: string; lead: string | null; deviceId: string; role: 'owner' | 'lead' };
  /** True when this pack had been opened before: nothing changed. */
  duplicatePack: boolean;
  applied: number;
  conflicts: number;
  heldBack: HeldBackItem[];
  duplicates: number;
  pending: number;
}

/** One pack received, for the returns board (kept in the store's meta table as a list per plan). */
export interface ReceivedPack {
  packId: string;
  fileSha256: string;
  kind: PackKind;
  deviceId: string;
  person: string;
  lead: string | null;
  createdAt: string;
  receivedAt: string;
  ops: number;
  applied: number;
  conflicts: number;
  heldBack: number;
  duplicates: number;
}

interface Invitation {
  inviteId: string;
  lead: string;
  token: string;
  createdAt: string;
}

interface Enrolment {
  inviteId: string;
  token: string;
  lead: string;
  ownerDevice: string;
}

interface LeadDevice {
  deviceId: string;
  lead: string;
  inviteId: string;
  firstSeenAt: string;
}

const keys = {
  invites: (planId: string) => `sync.invites.${planId}`,
  enrolment: (planId: string) => `sync.enrolment.${planId}`,
  devices: (planId: string) => `sync.lead_devices.${planId}`,
  received: (planId: string) => `sync.received.${planId}`,
  sent: (planId: string) => `sync.sent.${planId}`,
};

function readJson<T>(store: Store, key: string, fallback: T): T {
  const text = getMeta(store, key);
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
const writeJson = (store: Store, key: string, value: unknown) => setMeta(store, key, JSON.stringify(value));

const proofFor = (token: string, deviceId: string, publicKey: string) =>
  createHmac('sha256', token).update(`${deviceId}\n${publicKey}`).digest('hex');

function planTitle(store: Store, planId: string): string {
  try {
    return getPlanTree(store, planId).plan.title;
  } catch {
    return planId;
  }
}

/** Leads of a plan's actions matching `name` (as "my actions" matches); throws when none. */
function checkLeadName(store: Store, planId: string, name: string): void {
  const tree = getPlanTree(store, planId);
  const live = tree.actions.filter((a) => a.deletedAt === null);
  // As "my actions" matches (shared/leads.ts): the name, or a person in People by that name or alias.
  const { person, id } = directoryPerson(store, name);
  if (live.some((a) => ledBy(a.leads, person, id))) return;
  const names = [...new Set(live.flatMap((a) => a.leads.map((l) => l.name)))].slice(0, 12);
  throw new DomainError(
    'invalid_input',
    `No action in "${tree.plan.title}" has a lead matching "${name}".${names.length ? ` Leads in this plan include: ${names.join('; ')}.` : ' No action has a lead yet.'}`,
  );
}

function baseHeader(
  store: Store,
  planId: string,
  kind: PackKind,
  role: 'owner' | 'lead',
  options: PackOptions,
): { header: Omit<PackHeader, 'body' | 'recipient'>; keys: ReturnType<typeof deviceKeys> } {
  const k = deviceKeys(store, options.keyWrapper ?? plainKeyWrapper);
  const now = (options.now ?? (() => new Date()))();
  return {
    keys: k,
    header: {
      packId: randomUUID(),
      kind,
      planId,
      planTitle: planTitle(store, planId),
      createdAt: now.toISOString(),
      // A lead's copy signs as the lead the invitation named (the store's user name may be a login name).
      sender: {
        deviceId: engine.deviceId(store),
        publicKey: k.publicKeyText,
        person: (role === 'lead' ? engine.planSync(store, planId)?.person : null) || store.actor(),
        role,
      },
      acks: engine.versionVector(store, planId),
    },
  };
}

/** The other names People has for a lead (their directory name and aliases), for the lead's copy. */
function otherNames(store: Store, name: string): string[] {
  const { person } = directoryPerson(store, name);
  return [person.name, ...(person.aliases ?? [])].filter((n) => !sameName(n, name));
}

/** `pack invite`: an invitation for a lead (the plan for context, minus other people's internal notes). */
export function makeInvitation(store: Store, planId: string, lead: string, options: PackOptions = {}): MadePack {
  const name = lead.trim();
  if (!name)
    throw new DomainError('invalid_input', 'Name the lead to invite (as the plan writes it in the lead column).');
  return store.sqlite
    .transaction(() => {
      const sync = engine.planSync(store, planId);
      if (sync && sync.role !== 'owner') {
        throw new DomainError(
          'invalid_input',
          `This copy of the plan belongs to ${sync.person ?? 'a lead'} as a service lead; only the plan's owner can invite leads.`,
        );
      }
      checkLeadName(store, planId, name);
      if (!sync) engine.enableSync(store, planId, { role: 'owner' });
      const token = randomBytes(24).toString('base64url');
      const inviteId = randomUUID();
      const { header, keys: k } = baseHeader(store, planId, 'invitation', 'owner', options);
      const invites = readJson<Invitation[]>(store, keys.invites(planId), []);
      invites.push({ inviteId, lead: name, token, createdAt: header.createdAt });
      writeJson(store, keys.invites(planId), invites);
      const ops = engine.opsFor(store, planId, { forLead: name });
      const full: Omit<PackHeader, 'body'> = {
        ...header,
        recipient: { lead: name, deviceId: null },
        invitation: { inviteId, token, lead: name, names: otherNames(store, name) },
      };
      const bytes = encodePack({ header: full, lines: ops.map((op) => ({ t: 'op' as const, op })) }, k.privateKey);
      recordSent(store, planId, full, ops.length);
      return { bytes, header: full, ops: ops.length };
    })
    .immediate();
}

/**
 * `pack return`: this device's changes the other side has not acknowledged. A lead's copy writes to the
 * owner; the owner's copy writes to every lead (or to one lead with `forLead`), leaving out internal notes.
 */
export function makeReturn(store: Store, planId: string, options: PackOptions & { forLead?: string } = {}): MadePack {
  const sync = engine.planSync(store, planId);
  if (!sync)
    throw new DomainError(
      'invalid_input',
      `"${planTitle(store, planId)}" is not shared with anyone yet. Invite a lead first (Send to leads, or planwright pack invite).`,
    );
  if (sync.role === 'lead') {
    const enrolment = readJson<Enrolment | null>(store, keys.enrolment(planId), null);
    const ownerDevice = sync.ownerDevice ?? enrolment?.ownerDevice ?? null;
    const { header, keys: k } = baseHeader(store, planId, 'update', 'lead', options);
    const since = ownerDevice ? engine.ackOf(store, planId, ownerDevice) : {};
    const ops = engine.opsFor(store, planId, { since, forLead: sync.person ?? '' });
    const full: Omit<PackHeader, 'body'> = {
      ...header,
      recipient: { lead: null, deviceId: ownerDevice },
      ...(enrolment
        ? {
            enrolment: {
              inviteId: enrolment.inviteId,
              proof: proofFor(enrolment.token, header.sender.deviceId, header.sender.publicKey),
            },
          }
        : {}),
    };
    const bytes = encodePack({ header: full, lines: ops.map((op) => ({ t: 'op' as const, op })) }, k.privateKey);
    recordSent(store, planId, full, ops.length);
    return { bytes, header: full, ops: ops.length };
  }
  const devices = readJson<LeadDevice[]>(store, keys.devices(planId), []);
  const forLead = options.forLead?.trim() || null;
  const targets = forLead
    ? devices.filter((d) => engine.leadMatches(d.lead, forLead) || engine.leadMatches(forLead, d.lead))
    : devices;
  // Cumulative: everything any target has not acknowledged (a device never heard from gets everything).
  const since = targets.length ? minVector(targets.map((d) => engine.ackOf(store, planId, d.deviceId))) : {};
  const { header, keys: k } = baseHeader(store, planId, 'update', 'owner', options);
  const ops = engine.opsFor(store, planId, { since, forLead: forLead ?? '' });
  const full: Omit<PackHeader, 'body'> = {
    ...header,
    recipient: { lead: forLead, deviceId: targets.length === 1 ? targets[0]!.deviceId : null },
    // Which of the leads' changes are held back, so each lead sees what was accepted.
    review: reviewFor(
      store,
      planId,
      targets.map((d) => d.deviceId),
    ),
  };
  const bytes = encodePack({ header: full, lines: ops.map((op) => ({ t: 'op' as const, op })) }, k.privateKey);
  recordSent(store, planId, full, ops.length);
  return { bytes, header: full, ops: ops.length };
}

function minVector(vectors: VersionVector[]): VersionVector {
  const devices = new Set(vectors.flatMap((v) => Object.keys(v)));
  const out: VersionVector = {};
  for (const d of devices) {
    const seqs = vectors.map((v) => v[d] ?? 0);
    const min = Math.min(...seqs);
    if (min > 0) out[d] = min;
  }
  return out;
}

function recordSent(store: Store, planId: string, header: Omit<PackHeader, 'body'>, ops: number): void {
  const sent = readJson<{ packId: string; kind: PackKind; lead: string | null; createdAt: string; ops: number }[]>(
    store,
    keys.sent(planId),
    [],
  );
  sent.push({
    packId: header.packId,
    kind: header.kind,
    lead: header.recipient.lead,
    createdAt: header.createdAt,
    ops,
  });
  writeJson(store, keys.sent(planId), sent.slice(-500));
}

/** Packs received for a plan, oldest first (the returns board). */
export function receivedPacks(store: Store, planId: string): ReceivedPack[] {
  return readJson<ReceivedPack[]>(store, keys.received(planId), []);
}

/** Packs made for a plan, oldest first. */
export function sentPacks(
  store: Store,
  planId: string,
): { packId: string; kind: PackKind; lead: string | null; createdAt: string; ops: number }[] {
  return readJson(store, keys.sent(planId), []);
}

/** The leads invited to a plan and the devices that have answered. */
export function invitedLeads(store: Store, planId: string): { lead: string; invitedAt: string; devices: string[] }[] {
  const invites = readJson<Invitation[]>(store, keys.invites(planId), []);
  const devices = readJson<LeadDevice[]>(store, keys.devices(planId), []);
  const byLead = new Map<string, { lead: string; invitedAt: string; devices: string[] }>();
  for (const i of invites)
    if (!byLead.has(i.lead.toLowerCase()))
      byLead.set(i.lead.toLowerCase(), { lead: i.lead, invitedAt: i.createdAt, devices: [] });
  for (const d of devices) byLead.get(d.lead.toLowerCase())?.devices.push(d.deviceId);
  return [...byLead.values()];
}

/** Has this store already opened the pack with this id (for this plan, or any when planId is omitted)? */
export function hasOpenedPack(store: Store, planId: string, packId: string): boolean {
  return receivedPacks(store, planId).some((p) => p.packId === packId);
}

/** Reads, verifies and applies a pack in one transaction. Throws PackError / DomainError with a clear message. */
export function openPack(
  store: Store,
  data: Uint8Array,
  options: PackOptions & { maxUnpackedBytes?: number } = {},
): OpenReport {
  return openReadPack(store, decodePack(data, { maxUnpackedBytes: options.maxUnpackedBytes }), options);
}

/** Applies a pack already read and verified by `decodePack`. */
export function openReadPack(store: Store, pack: ReadPack, options: PackOptions = {}): OpenReport {
  const ops = parseOps(pack);
  const now = (options.now ?? (() => new Date()))().toISOString();
  // A merge writes many pages: its log is folded into the file just after, not inside the commit.
  return engine.largeWrite(store, () => store.sqlite.transaction(() => applyPack(store, pack, ops, now)).immediate());
}

/** Reads a pack file from disk with a size check first; a missing or unreadable file is a clear error. */
export function readPackFromFile(file: string): Uint8Array {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new PackError('not_a_pack', `${file} is a folder, not an update pack.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw new PackError('not_a_pack', `There is no file at ${file}.`);
  }
  if (size === 0)
    throw new PackError(
      'damaged',
      `${path.basename(file)} is empty (it may not have finished downloading). Nothing was changed.`,
    );
  if (size > MAX_PACK_FILE_BYTES)
    throw new PackError(
      'too_large',
      `${path.basename(file)} is larger than Planwright opens (${Math.round(size / (1024 * 1024))} MB). Nothing was changed.`,
    );
  try {
    const data = fs.readFileSync(file);
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  } catch {
    throw new PackError(
      'not_a_pack',
      `${path.basename(file)} could not be read (it may be open in another program, or not yet downloaded). Try again in a moment.`,
    );
  }
}

/** Writes a pack file (a temporary name, fsync, rename): never a half-written pack. */
export async function writePackFile(file: string, bytes: Uint8Array): Promise<string> {
  const resolved = path.resolve(file);
  if (!resolved.toLowerCase().endsWith(PACK_EXTENSION))
    throw new DomainError('invalid_input', `An update pack's file name must end in ${PACK_EXTENSION}.`);
  const dir = path.dirname(resolved);
  if (!fs.existsSync(dir)) throw new DomainError('invalid_input', `The folder ${dir} does not exist.`);
  await writeFileAtomic(resolved, bytes);
  return resolved;
}

function parseOps(pack: ReadPack): SyncOp[] {
  const ops: SyncOp[] = [];
  for (const line of pack.lines) {
    if (line.t !== 'op') continue;
    const op = SyncOp.safeParse(line.op);
    if (!op.success)
      throw new PackError(
        'damaged',
        'This pack holds a change Planwright cannot read (it may come from a newer version, or be damaged). Nothing was changed.',
      );
    if (op.data.planId !== pack.header.planId)
      throw new PackError('damaged', 'This pack holds changes to a different plan than it says. Nothing was changed.');
    ops.push(op.data);
  }
  return ops;
}

function applyPack(store: Store, pack: ReadPack, ops: SyncOp[], now: string): OpenReport {
  const { header } = pack;
  const planId = header.planId;
  const sync = engine.planSync(store, planId);
  const base = {
    planId,
    planTitle: header.planTitle,
    kind: header.kind,
    packId: header.packId,
  };
  const me = engine.deviceId(store);
  if (header.sender.deviceId === me) {
    throw new PackError(
      'wrong_recipient',
      'This pack was made on this device, so there is nothing in it to open here. Send it to the other person instead.',
    );
  }
  const received = receivedPacks(store, planId);
  const previous = received.find((p) => p.packId === header.packId || p.fileSha256 === pack.fileSha256);
  if (previous) {
    return {
      ...base,
      from: {
        person: header.sender.person,
        lead: previous.lead,
        deviceId: header.sender.deviceId,
        role: header.sender.role,
      },
      duplicatePack: true,
      applied: 0,
      conflicts: 0,
      heldBack: [],
      duplicates: ops.length,
      pending: 0,
    };
  }

  let asRole: 'owner' | 'lead';
  let lead: string | null = null;
  let person = header.sender.person;
  if (header.kind === 'invitation') {
    if (header.sender.role !== 'owner' || !header.invitation)
      throw new PackError(
        'damaged',
        'This invitation is not valid (it was not made by a plan owner). Nothing was changed.',
      );
    if (sync?.role === 'owner')
      throw new PackError(
        'wrong_recipient',
        `This is an invitation for ${header.invitation.lead} to update "${header.planTitle}", and this plan store holds the owner's copy of that plan. Open it on the lead's computer.`,
      );
    if (sync?.role === 'lead') {
      checkOwnerKey(store, planId, header);
    } else if (planExists(store, planId)) {
      throw new PackError(
        'wrong_recipient',
        `This plan store already holds "${header.planTitle}" (not as a lead's copy), so the invitation was not opened. Open it in a lead's own plan store.`,
      );
    } else {
      engine.trustKey(store, planId, header.sender.deviceId, header.sender.publicKey, 'owner');
    }
    asRole = 'lead';
    lead = header.invitation.lead;
    person = header.sender.person;
  } else if (header.sender.role === 'owner') {
    if (!sync)
      throw new PackError(
        'wrong_recipient',
        `This pack updates "${header.planTitle}", which is not in this plan store. Open the invitation for that plan first.`,
      );
    if (sync.role === 'owner')
      throw new PackError(
        'wrong_recipient',
        `This pack was made by another owner's copy of "${header.planTitle}". Only packs from leads can be opened in the owner's copy.`,
      );
    checkOwnerKey(store, planId, header);
    asRole = 'lead';
  } else {
    if (!sync)
      throw new PackError(
        'wrong_recipient',
        `This pack holds a lead's updates to "${header.planTitle}", which is not in this plan store.`,
      );
    if (sync.role !== 'owner')
      throw new PackError(
        'wrong_recipient',
        `This pack holds another lead's updates to "${header.planTitle}"; it is for the plan's owner, not for this copy.`,
      );
    lead = checkLeadDevice(store, planId, header, now);
    asRole = 'owner';
    person = lead;
  }

  const report = engine.applyOps(store, ops, { asRole, from: { device: header.sender.deviceId, person } });
  engine.recordAck(store, planId, header.sender.deviceId, header.acks);
  if (header.sender.role === 'owner') recordReview(store, planId, header);
  if (header.kind === 'invitation' && header.invitation) {
    engine.setPlanRole(store, planId, {
      role: 'lead',
      person: header.invitation.lead,
      ownerDevice: header.sender.deviceId,
    });
    // The lead's other names go into this copy's People, so "my actions" and the local checks match alike.
    if (header.invitation.names?.length)
      addPersonNames(store, header.invitation.lead, header.invitation.names, header.sender.person);
    writeJson(store, keys.enrolment(planId), {
      inviteId: header.invitation.inviteId,
      token: header.invitation.token,
      lead: header.invitation.lead,
      ownerDevice: header.sender.deviceId,
    } satisfies Enrolment);
  }
  const entry: ReceivedPack = {
    packId: header.packId,
    fileSha256: pack.fileSha256,
    kind: header.kind,
    deviceId: header.sender.deviceId,
    person: header.sender.person,
    lead: header.sender.role === 'lead' ? lead : null,
    createdAt: header.createdAt,
    receivedAt: now,
    ops: ops.length,
    applied: report.applied,
    conflicts: report.conflicts,
    heldBack: report.heldBack.length,
    duplicates: report.duplicates,
  };
  writeJson(store, keys.received(planId), [...received, entry]);
  return {
    ...base,
    from: {
      person: header.sender.person,
      lead: entry.lead,
      deviceId: header.sender.deviceId,
      role: header.sender.role,
    },
    duplicatePack: false,
    applied: report.applied,
    conflicts: report.conflicts,
    heldBack: report.heldBack.map((h) => ({
      id: h.id,
      opId: h.opId,
      reason: h.reason,
      entity: h.entity,
      rowId: h.rowId,
      field: h.field,
    })),
    duplicates: report.duplicates,
    pending: report.pending,
  };
}

function planExists(store: Store, planId: string): boolean {
  try {
    getPlanTree(store, planId);
    return true;
  } catch {
    return false;
  }
}

/** A lead's copy only takes packs signed with the key of the owner that invited it. */
function checkOwnerKey(store: Store, planId: string, header: PackHeader): void {
  const trusted = engine.trustedKeys(store, planId).filter((k) => k.role === 'owner');
  const match = trusted.find((k) => k.device === header.sender.deviceId);
  if (!match) {
    throw new PackError(
      'untrusted',
      `This pack for "${header.planTitle}" was not made by the owner who invited you (it comes from another copy of the plan). Nothing was changed; ask the plan's owner for a pack.`,
    );
  }
  if (!sameKey(match.publicKey, header.sender.publicKey)) {
    throw new PackError(
      'bad_signature',
      `This pack claims to come from the owner of "${header.planTitle}" but is signed with a different key. It is not genuine; nothing was changed.`,
    );
  }
}

/** The owner binds a lead's device to the lead it invited (first pack), then checks its key every time. */
function checkLeadDevice(store: Store, planId: string, header: PackHeader, now: string): string {
  const devices = readJson<LeadDevice[]>(store, keys.devices(planId), []);
  const known = devices.find((d) => d.deviceId === header.sender.deviceId);
  const trusted = engine.trustedKeys(store, planId).find((k) => k.device === header.sender.deviceId);
  if (known && trusted) {
    if (!sameKey(trusted.publicKey, header.sender.publicKey)) {
      throw new PackError(
        'bad_signature',
        `This pack claims to come from ${known.lead}'s computer but is signed with a different key than before. It is not genuine; nothing was changed.`,
      );
    }
    return known.lead;
  }
  const invites = readJson<Invitation[]>(store, keys.invites(planId), []);
  const invite = header.enrolment ? invites.find((i) => i.inviteId === header.enrolment!.inviteId) : undefined;
  if (!invite || !header.enrolment) {
    throw new PackError(
      'untrusted',
      `This pack comes from someone who was not invited to update "${header.planTitle}" from this copy of the plan (${header.sender.person || 'unknown sender'}). Nothing was changed. Invite the lead first (Send to leads).`,
    );
  }
  const expected = Buffer.from(proofFor(invite.token, header.sender.deviceId, header.sender.publicKey), 'hex');
  const given = Buffer.from(header.enrolment.proof, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new PackError(
      'untrusted',
      `This pack names an invitation to "${header.planTitle}" but does not prove it holds it. It is not genuine; nothing was changed.`,
    );
  }
  engine.trustKey(store, planId, header.sender.deviceId, header.sender.publicKey, 'lead');
  writeJson(store, keys.devices(planId), [
    ...devices.filter((d) => d.deviceId !== header.sender.deviceId),
    { deviceId: header.sender.deviceId, lead: invite.lead, inviteId: invite.inviteId, firstSeenAt: now },
  ]);
  return invite.lead;
}

function sameKey(a: string, b: string): boolean {
  const norm = (k: string) => k.replace(/-----[^-]+-----|\s/g, '');
  if (norm(a) === norm(b)) return true;
  try {
    // The engine may keep PEM, packs carry SPKI DER base64: compare the DER bytes.
    return Buffer.from(norm(a), 'base64').equals(Buffer.from(norm(b), 'base64'));
  } catch {
    return false;
  }
}

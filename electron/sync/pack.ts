/**
 * The update pack file (`.planwright-pack`): gzip of NDJSON.
 *
 *   line 1   {"planwrightPack": <format version>, "header": "<the header as a JSON string>", "signature": "<base64>"}
 *   line 2.. {"t": "op", "op": {...}} | {"t": "snapshot", "snapshot": {...}}
 *
 * The signature is Ed25519 (node:crypto) over the exact bytes of the header string, and the header carries
 * the SHA-256 of the body lines, so neither the header nor a single op can be changed without the
 * signature failing. Reading is bounded: the compressed file, the unpacked bytes (streamed through
 * fflate's Gunzip with a byte budget, so a zip bomb stops early) and the number of lines are capped.
 * Every failure is a `PackError` with a plain-English message; nothing here touches a store.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { gzipSync, Gunzip } from 'fflate';
import { z } from 'zod';

export const PACK_EXTENSION = '.planwright-pack';
/** The pack format this build writes and the newest it reads. */
export const PACK_FORMAT_VERSION = 1;
/** Largest pack file read from disk (compressed). */
export const MAX_PACK_FILE_BYTES = 64 * 1024 * 1024;
/** Largest a pack may be once unpacked (a 10,000-change pack is a few MB; a large plan's invitation tens). */
export const MAX_UNPACKED_BYTES = 128 * 1024 * 1024;
/** Every pack starts with this text once unpacked: anything else is refused after the first chunk. */
const PACK_PREFIX = new TextEncoder().encode('{"planwrightPack":');
/** Most ops (lines) one pack may hold. */
export const MAX_PACK_LINES = 2_000_000;

export type PackErrorCode =
  | 'not_a_pack'
  | 'damaged'
  | 'too_large'
  | 'newer_format'
  | 'bad_signature'
  | 'untrusted'
  | 'wrong_plan'
  | 'wrong_recipient';

/** A pack that cannot be read or trusted; `message` is for the user. */
export class PackError extends Error {
  constructor(
    readonly code: PackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PackError';
  }
}

/** Highest op sequence number seen per device: what a side has acknowledged. */
export const VersionVector = z.record(z.string().min(1).max(100), z.number().int().nonnegative());
export type VersionVector = z.infer<typeof VersionVector>;

const Base64 = z
  .string()
  .max(10_000)
  .regex(/^[A-Za-z0-9+/=]*$/, 'not base64');

export const PackKind = z.enum(['invitation', 'update']);
export type PackKind = z.infer<typeof PackKind>;

export const PackHeader = z.object({
  /** Unique per pack: a pack seen before is reported as a duplicate. */
  packId: z.uuid(),
  kind: PackKind,
  planId: z.uuid(),
  planTitle: z.string().max(2000),
  createdAt: z.iso.datetime({ offset: true }),
  sender: z.object({
    deviceId: z.string().min(1).max(100),
    /** Ed25519 public key, SPKI DER in base64. */
    publicKey: Base64,
    /** The person who made the pack (the store's user name). */
    person: z.string().max(300),
    role: z.enum(['owner', 'lead']),
  }),
  /** Who the pack is for: a lead (by the name the owner gave), or everyone (null). */
  recipient: z.object({ lead: z.string().max(300).nullable(), deviceId: z.string().max(100).nullable() }),
  /** What the sender has seen of every device's ops (so the other side can stop re-sending them). */
  acks: VersionVector,
  /** Invitation packs: the enrolment the lead answers with. */
  invitation: z
    .object({
      inviteId: z.uuid(),
      token: z.string().min(16).max(200),
      lead: z.string().max(300),
      /** The other names the owner's People has for the lead, so the lead's copy matches lead cells alike. */
      names: z.array(z.string().max(300)).max(51).optional(),
    })
    .optional(),
  /** The owner's packs: the target leads' changes it holds back or rejected (electron/sync/review.ts). */
  review: z
    .object({
      held: z
        .array(
          z.object({
            opId: z.string().max(200),
            reason: z.string().max(2000),
            state: z.enum(['waiting', 'held', 'rejected']),
          }),
        )
        .max(500),
    })
    .optional(),
  /** A lead's packs: which invitation enrolled this device, and proof it holds the invitation's token. */
  enrolment: z.object({ inviteId: z.uuid(), proof: z.string().max(200) }).optional(),
  body: z.object({
    lines: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});
export type PackHeader = z.infer<typeof PackHeader>;

const FirstLine = z.object({
  planwrightPack: z.number().int().positive(),
  header: z.string().max(1_000_000),
  signature: Base64,
});

export type PackLine = { t: 'op'; op: unknown } | { t: 'snapshot'; snapshot: unknown };
const BodyLine = z.discriminatedUnion('t', [
  z.object({ t: z.literal('op'), op: z.unknown() }),
  z.object({ t: z.literal('snapshot'), snapshot: z.unknown() }),
]);

export interface UnsignedPack {
  header: Omit<PackHeader, 'body'>;
  lines: readonly PackLine[];
}

export interface ReadPack {
  header: PackHeader;
  lines: PackLine[];
  /** SHA-256 of the whole file: conflict copies of one pack have the same digest. */
  fileSha256: string;
}

const encoder = new TextEncoder();
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** The base64 SPKI form of a public key, as packs carry it. */
export function publicKeyText(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** Writes a signed pack: gzip of the header line and one JSON line per op or snapshot. */
export function encodePack(pack: UnsignedPack, privateKey: KeyObject): Uint8Array {
  const body = pack.lines.map((l) => JSON.stringify(l)).join('\n');
  const bodyBytes = encoder.encode(body);
  const header: PackHeader = {
    ...pack.header,
    body: { lines: pack.lines.length, bytes: bodyBytes.length, sha256: sha256(bodyBytes) },
  };
  const headerText = JSON.stringify(header);
  const signature = sign(null, Buffer.from(headerText, 'utf8'), privateKey).toString('base64');
  const first = encoder.encode(JSON.stringify({ planwrightPack: PACK_FORMAT_VERSION, header: headerText, signature }));
  const all = new Uint8Array(first.length + 1 + bodyBytes.length);
  all.set(first, 0);
  all[first.length] = 0x0a;
  all.set(bodyBytes, first.length + 1);
  return gzipSync(all, { level: 6, mtime: 0 });
}

/** Unpacks gzip with a byte budget, feeding small chunks so a zip bomb is stopped early. */
export function gunzipBounded(data: Uint8Array, maxBytes = MAX_UNPACKED_BYTES, checkPrefix = false): Uint8Array {
  if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b)
    throw new PackError('not_a_pack', 'This file is not a Planwright update pack.');
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const tooLarge = () =>
    new PackError(
      'too_large',
      `This pack is larger than Planwright opens (more than ${Math.round(maxBytes / (1024 * 1024))} MB once unpacked). It may be damaged or not a Planwright pack; nothing was changed.`,
    );
  const stream = new Gunzip((chunk, final) => {
    if (
      checkPrefix &&
      total === 0 &&
      chunk.length >= PACK_PREFIX.length &&
      !PACK_PREFIX.every((b, i) => chunk[i] === b)
    ) {
      throw new PackError('not_a_pack', 'This file is not a Planwright update pack.');
    }
    total += chunk.length;
    if (total > maxBytes) throw tooLarge();
    chunks.push(chunk);
    if (final) ended = true;
  });
  const step = 4096;
  try {
    for (let i = 0; i < data.length; i += step)
      stream.push(data.subarray(i, Math.min(data.length, i + step)), i + step >= data.length);
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw new PackError(
      'damaged',
      'This pack is damaged (it could not be unpacked). Ask the sender for a new copy; nothing was changed.',
    );
  }
  if (!ended)
    throw new PackError(
      'damaged',
      'This pack is incomplete (it ends too early; the copy or download may not have finished). Nothing was changed.',
    );
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and verifies a pack: format version, signature (with the key in the header, which the caller then
 * checks against the key it trusts), body digest and every line's shape. Throws PackError.
 */
export function decodePack(data: Uint8Array, options: { maxUnpackedBytes?: number; maxLines?: number } = {}): ReadPack {
  if (data.length > MAX_PACK_FILE_BYTES)
    throw new PackError(
      'too_large',
      `This pack is larger than Planwright opens (${Math.round(data.length / (1024 * 1024))} MB). Nothing was changed.`,
    );
  const fileSha256 = sha256(data);
  const raw = gunzipBounded(data, options.maxUnpackedBytes, true);
  const nl = raw.indexOf(0x0a);
  const firstBytes = nl < 0 ? raw : raw.subarray(0, nl);
  const bodyBytes = nl < 0 ? new Uint8Array(0) : raw.subarray(nl + 1);
  const first = FirstLine.safeParse(parseJson(firstBytes));
  if (!first.success) throw new PackError('not_a_pack', 'This file is not a Planwright update pack.');
  if (first.data.planwrightPack > PACK_FORMAT_VERSION) {
    throw new PackError(
      'newer_format',
      `This pack was made by a newer version of Planwright (pack format ${first.data.planwrightPack}; this version reads up to ${PACK_FORMAT_VERSION}). Update Planwright, then open it again. Nothing was changed.`,
    );
  }
  const headerJson = parseJson(encoder.encode(first.data.header));
  const parsed = PackHeader.safeParse(headerJson);
  if (!parsed.success)
    throw new PackError(
      'damaged',
      'This pack is damaged (its header is not valid). Ask the sender for a new copy; nothing was changed.',
    );
  const header = parsed.data;
  if (!verifySignature(first.data.header, first.data.signature, header.sender.publicKey)) {
    throw new PackError(
      'bad_signature',
      `This pack's signature does not match its contents: it was changed after ${header.sender.person || 'the sender'} made it, or it is not genuine. Nothing was changed.`,
    );
  }
  if (bodyBytes.length !== header.body.bytes || sha256(bodyBytes) !== header.body.sha256) {
    throw new PackError(
      'bad_signature',
      `This pack's contents do not match its signature: it was changed after ${header.sender.person || 'the sender'} made it, or it is damaged. Nothing was changed.`,
    );
  }
  const maxLines = options.maxLines ?? MAX_PACK_LINES;
  if (header.body.lines > maxLines)
    throw new PackError(
      'too_large',
      `This pack holds more changes than Planwright opens at once (${header.body.lines}). Nothing was changed.`,
    );
  const lines: PackLine[] = [];
  if (header.body.lines > 0) {
    const text = decodeText(bodyBytes);
    for (const line of text.split('\n')) {
      const l = BodyLine.safeParse(safeJson(line));
      if (!l.success)
        throw new PackError('damaged', 'This pack is damaged (a change in it is not readable). Nothing was changed.');
      lines.push(l.data as PackLine);
    }
  }
  if (lines.length !== header.body.lines)
    throw new PackError(
      'damaged',
      'This pack is damaged (it holds a different number of changes than its header says). Nothing was changed.',
    );
  return { header, lines, fileSha256 };
}

function verifySignature(text: string, signature: string, publicKey: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function decodeText(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new PackError('damaged', 'This pack is damaged (its text is not valid UTF-8). Nothing was changed.');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes)) as unknown;
  } catch {
    throw new PackError('not_a_pack', 'This file is not a Planwright update pack.');
  }
}

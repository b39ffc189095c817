/**
 * The lead sees which of their updates the owner has accepted (issue 10): "Accepted by A Okafor on
 * 2 December 2026", "Waiting for the owner" or "Held back: <reason>", per progress update and rating.
 *
 * The owner's re-published packs say it: their `acks` (what the owner's copy holds of every device's ops) and
 * `review.held` (the target leads' ops the owner holds back or rejected, with the reason). A lead's copy keeps,
 * per plan, when each owner pack first covered more of its ops (`checkpoints`) and the latest held list, in
 * the meta table (no SQL here). An op the owner holds and has not held back has been applied: accepted.
 */
import type { Store } from '../../db';
import { getMeta, setMeta } from '../../db';
import * as engine from './engine';
import type { PackHeader } from './pack';

export interface ReviewHeld {
  opId: string;
  reason: string;
  state: 'waiting' | 'held' | 'rejected';
}

interface LeadReview {
  /** Each owner pack that acknowledged more of this device's ops: up to which sequence number, when, who. */
  checkpoints: { seq: number; at: string; by: string }[];
  held: ReviewHeld[];
}

export interface UpdateStatus {
  entity: 'progress' | 'rating';
  rowId: string;
  state: 'accepted' | 'waiting' | 'held';
  /** Accepted: the owner and the date of the pack that first showed it. */
  by: string | null;
  at: string | null;
  /** Held back: why (the owner's checks' words). */
  reason: string | null;
}

const reviewKey = (planId: string) => `sync.review.${planId}`;

/** Owner side: the review the pack carries for these lead devices (their held-back or rejected ops). */
export function reviewFor(store: Store, planId: string, devices: readonly string[]): { held: ReviewHeld[] } {
  const wanted = new Set(devices);
  const held = engine
    .listHeld(store, planId, { all: true })
    .filter((h) => h.state !== 'accepted' && wanted.has(h.opId.slice(0, h.opId.lastIndexOf(':'))))
    .map((h) => ({ opId: h.opId, reason: h.reason, state: h.state as ReviewHeld['state'] }));
  return { held: held.slice(-500) };
}

/** Lead side, after applying an owner's pack: remembers what it acknowledged and held back. */
export function recordReview(store: Store, planId: string, header: Omit<PackHeader, 'body'>): void {
  const me = engine.deviceId(store);
  const review = readReview(store, planId);
  const seq = header.acks[me] ?? 0;
  const last = review.checkpoints[review.checkpoints.length - 1]?.seq ?? 0;
  if (seq > last) review.checkpoints.push({ seq, at: header.createdAt, by: header.sender.person });
  if (header.review) review.held = header.review.held.filter((h) => h.opId.startsWith(`${me}:`));
  setMeta(store, reviewKey(planId), JSON.stringify(review));
}

function readReview(store: Store, planId: string): LeadReview {
  try {
    const r = JSON.parse(getMeta(store, reviewKey(planId)) ?? '') as LeadReview;
    if (Array.isArray(r.checkpoints) && Array.isArray(r.held)) return r;
  } catch {
    // none yet
  }
  return { checkpoints: [], held: [] };
}

/** Lead side: each of this copy's own progress updates and ratings, with what the owner made of it. */
export function leadUpdateStatus(store: Store, planId: string): UpdateStatus[] {
  const me = engine.deviceId(store);
  const review = readReview(store, planId);
  const held = new Map(review.held.map((h) => [h.opId, h]));
  const rows = new Map<string, { entity: 'progress' | 'rating'; seqs: number[] }>();
  for (const op of engine.opsFor(store, planId)) {
    if (op.device !== me || (op.entity !== 'progress' && op.entity !== 'rating')) continue;
    const row = rows.get(op.rowId) ?? { entity: op.entity, seqs: [] };
    row.seqs.push(op.seq);
    rows.set(op.rowId, row);
  }
  const out: UpdateStatus[] = [];
  for (const [rowId, { entity, seqs }] of rows) {
    const stopped = seqs.map((s) => held.get(`${me}:${s}`)).filter((h): h is ReviewHeld => h !== undefined);
    if (stopped.length) {
      const h = stopped[stopped.length - 1]!;
      const reason = h.state === 'rejected' ? `${h.reason} The owner did not accept it.` : h.reason;
      out.push({ entity, rowId, state: 'held', by: null, at: null, reason });
      continue;
    }
    const newest = Math.max(...seqs);
    const cp = review.checkpoints.find((c) => c.seq >= newest);
    out.push(
      cp
        ? { entity, rowId, state: 'accepted', by: cp.by, at: cp.at, reason: null }
        : { entity, rowId, state: 'waiting', by: null, at: null, reason: null },
    );
  }
  return out;
}

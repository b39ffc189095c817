/**
 * Deterministic ids (RFC 4122 version 5, SHA-1 of a namespace and a name) for rows with a natural key, so
 * two copies of a plan that create "the same" row (a rating for an action and period, an
 * action–recommendation link, a covering report for a plan and period) converge on one row instead of
 * colliding on a unique index when their changes are merged.
 */
import { createHash } from 'node:crypto';

/** Planwright's namespace (a fixed random UUID; never change it: ids already written depend on it). */
export const PLANWRIGHT_NAMESPACE = '3f5c0d0e-8a4b-4c8e-9a5d-6b2f1e7c9d41';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** UUIDv5 of `name` in `namespace` (RFC 4122 §4.3). */
export function uuidV5(name: string, namespace: string = PLANWRIGHT_NAMESPACE): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The one rating row of an action in a reporting period. */
export const ratingId = (actionId: string, periodId: string): string => uuidV5(`rating/${actionId}/${periodId}`);
/** The link between an action and a recommendation it answers. */
export const linkId = (actionId: string, recommendationId: string): string =>
  uuidV5(`link/${actionId}/${recommendationId}`);
/** The covering report of a plan for a reporting period. */
export const coveringReportId = (planId: string, periodId: string): string =>
  uuidV5(`covering-report/${planId}/${periodId}`);

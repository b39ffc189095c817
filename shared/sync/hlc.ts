/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so every op a device
 * writes is later than everything it has seen, even when its clock is behind. Timestamps are text that
 * sorts in time order: `${ms:13 digits}.${counter:5 digits}.${device}`.
 *
 * A clock running ahead must never make a pack unimportable: a remote timestamp more than `MAX_SKEW_MS`
 * ahead of our wall clock is accepted (its op is stored and merged) but not adopted, so one laptop with
 * a wrong date cannot drag every other clock into the future. Which edit supersedes which is decided by
 * parents, never by clocks; the clock only orders concurrent heads for display.
 */

export const MAX_SKEW_MS = 24 * 60 * 60 * 1000;
const MAX_MS = 9_999_999_999_999;

export interface Hlc {
  ms: number;
  counter: number;
}

export const ZERO_HLC: Hlc = { ms: 0, counter: 0 };

export function formatHlc(h: Hlc, device: string): string {
  const ms = Math.max(0, Math.min(MAX_MS, Math.floor(h.ms)));
  return `${String(ms).padStart(13, '0')}.${String(Math.min(h.counter, 99_999)).padStart(5, '0')}.${device}`;
}

export function parseHlc(text: string): Hlc | null {
  const m = /^(\d{13})\.(\d{5})\./.exec(text);
  return m ? { ms: Number(m[1]), counter: Number(m[2]) } : null;
}

/** The ISO date a timestamp's wall clock part stands for (for "who and when" in the conflict view). */
export function hlcDate(text: string): string {
  const h = parseHlc(text);
  return new Date(h ? h.ms : 0).toISOString();
}

const later = (a: Hlc, b: Hlc): boolean => a.ms > b.ms || (a.ms === b.ms && a.counter > b.counter);

/** The next local timestamp after `last`, at wall time `now`. */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.ms) return { ms: now, counter: 0 };
  if (last.counter >= 99_999) return { ms: last.ms + 1, counter: 0 };
  return { ms: last.ms, counter: last.counter + 1 };
}

/** Our clock after receiving `remote` at wall time `now`: adopts it only within the skew bound. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  if (remote.ms > now + MAX_SKEW_MS) return last; // accepted, not adopted
  return later(remote, last) ? remote : last;
}

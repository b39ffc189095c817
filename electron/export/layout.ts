/**
 * Page geometry in twips (1/20 pt; 1 cm = 567 twips) and fixed column widths. Widths are whole twips that
 * add up EXACTLY to the text width, so LibreOffice, Word and Word Online lay a fixed table out the same.
 */

/** A4 in twips, portrait width and height. */
export const A4 = { short: 11906, long: 16838 } as const;

export interface PageGeometry {
  /** Page width and height as laid out (landscape: width is the long side). */
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number; header: number; footer: number };
}

/** Landscape A4 with 1.27 cm side margins (the appendix). */
export const LANDSCAPE_A4: PageGeometry = {
  width: A4.long,
  height: A4.short,
  margin: { top: 1021, right: 720, bottom: 907, left: 720, header: 454, footer: 397 },
};

/** Portrait A4 with 2.54 cm side margins (the covering report). */
export const PORTRAIT_A4: PageGeometry = {
  width: A4.short,
  height: A4.long,
  margin: { top: 1440, right: 1247, bottom: 1440, left: 1247, header: 709, footer: 709 },
};

/** Width available to text (and to a full-width table): page width minus the side margins. */
export function textWidth(page: PageGeometry): number {
  return page.width - page.margin.left - page.margin.right;
}

/**
 * Whole-twip widths proportional to `weights` that sum exactly to `total` (largest remainder method).
 * Weights must be positive; each column gets at least `min` twips when the total allows.
 */
export function distributeWidths(weights: readonly number[], total: number, min = 360): number[] {
  if (weights.length === 0) return [];
  return largestRemainder(weights, total, min);
}

/**
 * Like `distributeWidths`, but first raises any column narrower than its own minimum (for example the
 * longest word of its header) by taking width from the others in proportion, so a header such as
 * "Reference" is never split mid-word. Still sums exactly to `total`.
 */
export function widthsWithMinimums(weights: readonly number[], minimums: readonly number[], total: number): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const mins = weights.map((_, i) => Math.max(0, Math.round(minimums[i] ?? 0)));
  if (mins.reduce((a, b) => a + b, 0) >= total) return distributeWidths(mins, total, 0);
  const fixed = new Set<number>();
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !fixed.has(i));
    const left = total - [...fixed].reduce((a, i) => a + mins[i]!, 0);
    const shares = largestRemainder(
      free.map((i) => weights[i]!),
      left,
      0,
    );
    const out = mins.slice();
    free.forEach((i, k) => (out[i] = shares[k]!));
    // Columns given less than their minimum are fixed at it; the rest share what is left, again.
    const short = free.filter((i) => out[i]! < mins[i]!);
    if (short.length === 0 || short.length === free.length) return short.length ? distributeWidths(mins, total, 0) : out;
    for (const i of short) fixed.add(i);
  }
}

function largestRemainder(weights: readonly number[], total: number, min: number): number[] {
  const safe = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 1));
  const floorMin = Math.min(min, Math.floor(total / safe.length));
  const spare = total - floorMin * safe.length;
  const sum = safe.reduce((a, b) => a + b, 0);
  const exact = safe.map((w) => (w / sum) * spare);
  const widths = exact.map((x) => Math.floor(x));
  let left = spare - widths.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) widths[order[k]!.i]! += 1;
  return widths.map((w) => w + floorMin);
}

/**
 * Rough width in twips of the longest word of `text` in Arial at `halfPoints` (bold allowance included),
 * plus the cell's side margins. Used only to stop header words being split.
 */
export function longestWordWidth(text: string, halfPoints: number, opts: { bold?: boolean; cellMargins?: number } = {}): number {
  const longest = text.split(/\s+/).reduce((m, w) => Math.max(m, w.length), 0);
  // Average Arial advance is about 0.55 em for mixed text, a little more in bold.
  const em = opts.bold ? 0.62 : 0.56;
  return Math.ceil(longest * halfPoints * 10 * em) + (opts.cellMargins ?? 170);
}

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
  margin: {
    top: number;
    right: number;
    bottom: number;
    left: number;
    header: number;
    footer: number;
  };
}

/** Landscape A4 with 1.27 cm side margins (the appendix). */
export const LANDSCAPE_A4: PageGeometry = {
  width: A4.long,
  height: A4.short,
  margin: {
    top: 1021,
    right: 720,
    bottom: 907,
    left: 720,
    header: 454,
    footer: 397,
  },
};

/** Portrait A4 with 2.54 cm side margins (the covering report). */
export const PORTRAIT_A4: PageGeometry = {
  width: A4.short,
  height: A4.long,
  margin: {
    top: 1440,
    right: 1247,
    bottom: 1440,
    left: 1247,
    header: 709,
    footer: 709,
  },
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
    if (short.length === 0 || short.length === free.length)
      return short.length ? distributeWidths(mins, total, 0) : out;
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
 * Advance widths of Arial (metric-compatible Liberation Sans) for the printable ASCII characters 32-126, in
 * thousandths of an em, regular and bold. Other characters are taken as 0.6 em (a little wider than average).
 */
const ARIAL = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];
const ARIAL_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
  556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584,
];
const OTHER: Record<string, [number, number]> = {
  '’': [222, 278],
  '‘': [222, 278],
  '“': [333, 500],
  '”': [333, 500],
  '–': [556, 556],
  '—': [1000, 1000],
  '…': [1000, 1000],
};

const OTHER_BY_CODE = new Map(Object.entries(OTHER).map(([ch, widths]) => [ch.charCodeAt(0), widths]));

/**
 * Width in thousandths of an em of `text` in Arial (regular or bold). Each character counts once: a pair
 * of surrogates (a character beyond the Basic Multilingual Plane) is one character of 0.6 em.
 */
export function emWidth(text: string, bold = false): number {
  const table = bold ? ARIAL_BOLD : ARIAL;
  const which = bold ? 1 : 0;
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 32 && code <= 126) {
      sum += table[code - 32]!;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    sum += OTHER_BY_CODE.get(code)?.[which] ?? 600;
  }
  return sum;
}

/** Cell side margins (left + right) in twips, as the Word writer sets them. */
export const CELL_SIDE_MARGINS = 170;
/** Safety allowance on measured text (kerning differences between Word, LibreOffice and Word Online). */
const SAFETY = 1.06;

/** Width in twips of `text` on one line in Arial at `halfPoints` (measured, with a small safety allowance). */
export function textTwips(text: string, halfPoints: number, bold = false): number {
  return Math.ceil((emWidth(text, bold) / 1000) * halfPoints * 10 * SAFETY);
}

/** Whether a UTF-16 code unit is whitespace as the regular expression `\s` reads it (ECMAScript's list). */
const isSpace = (code: number): boolean =>
  code === 32 ||
  (code >= 9 && code <= 13) ||
  (code >= 0xa0 &&
    (code === 0xa0 ||
      code === 0x1680 ||
      (code >= 0x2000 && code <= 0x200a) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0x202f ||
      code === 0x205f ||
      code === 0x3000 ||
      code === 0xfeff));

/**
 * Measures `text` in one pass: calls `word(twips, length)` for each word (what `text.split(/\s+/)` finds, empty
 * ones left out; `twips` is `textTwips(word, …)`, `length` its UTF-16 length) and answers `textTwips(text, …)`.
 * The same figures as measuring the text and then each word, without the copies.
 */
export function measureWords(
  text: string,
  halfPoints: number,
  bold: boolean,
  word: (twips: number, length: number) => void,
): number {
  const table = bold ? ARIAL_BOLD : ARIAL;
  const which = bold ? 1 : 0;
  let total = 0;
  let em = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let w: number;
    if (code >= 32 && code <= 126) w = table[code - 32]!;
    else {
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          // A surrogate pair: one character, never a space.
          if (start < 0) start = i;
          i++;
          w = 600;
          total += w;
          em += w;
          continue;
        }
      }
      w = OTHER_BY_CODE.get(code)?.[which] ?? 600;
    }
    total += w;
    if (isSpace(code)) {
      if (start >= 0) word(Math.ceil((em / 1000) * halfPoints * 10 * SAFETY), i - start);
      start = -1;
      em = 0;
    } else {
      if (start < 0) start = i;
      em += w;
    }
  }
  if (start >= 0) word(Math.ceil((em / 1000) * halfPoints * 10 * SAFETY), text.length - start);
  return Math.ceil((total / 1000) * halfPoints * 10 * SAFETY);
}

/**
 * Width in twips a cell needs so that the longest word of `text` in Arial at `halfPoints` is not split,
 * plus the cell's side margins. Words are measured with Arial's own advance widths.
 */
export function longestWordWidth(
  text: string,
  halfPoints: number,
  opts: { bold?: boolean; cellMargins?: number } = {},
): number {
  let most = 0;
  for (const word of text.split(/\s+/)) if (word) most = Math.max(most, textTwips(word, halfPoints, opts.bold));
  return most + (opts.cellMargins ?? CELL_SIDE_MARGINS);
}

/** What a column's content needs, in twips (cell margins included). */
export interface ColumnNeed {
  /** Narrowest width with no word split (longest word, header words, a minimum share of the table). */
  min: number;
  /** Width that puts its longest paragraph on one line. */
  natural: number;
  /** Average text per row laid end to end (0 for a label-only column such as a rating). */
  perRow: number;
}

/**
 * Column widths from measured content, summing exactly to `total`: columns whose longest paragraph fits in
 * a narrow width (dates, leads, references, ratings) get that width, so they never wrap; the width left is
 * shared by the long-text columns in proportion to how much text each holds per row (so their cells end at
 * about the same height), never below a column's longest word nor beyond its natural width. When even the
 * minimums do not fit, they are scaled down (a word may then have to split).
 */
export function widthsFromContent(needs: readonly ColumnNeed[], total: number): number[] {
  const n = needs.length;
  if (n === 0) return [];
  const mins = needs.map((c) => Math.max(0, c.min));
  if (mins.reduce((a, b) => a + b, 0) >= total) return distributeWidths(mins, total, 0);
  const out = new Array<number>(n).fill(0);
  const shortLimit = Math.max(total * 0.13, 1);
  const long: number[] = [];
  needs.forEach((c, i) => {
    const natural = Math.max(mins[i]!, c.natural);
    if (c.perRow === 0 || natural <= shortLimit) out[i] = natural;
    else long.push(i);
  });
  let left = total - out.reduce((a, b) => a + b, 0);
  const longMins = long.reduce((a, i) => a + mins[i]!, 0);
  if (left < longMins) {
    // Short columns shrink towards their minimums first.
    const shortIdx = needs.map((_, i) => i).filter((i) => !long.includes(i));
    const spare = shortIdx.reduce((a, i) => a + out[i]! - mins[i]!, 0);
    const need = longMins - left;
    shortIdx.forEach(
      (i) => (out[i] = mins[i]! + (spare > 0 ? ((out[i]! - mins[i]!) * Math.max(0, spare - need)) / spare : 0)),
    );
    left = total - shortIdx.reduce((a, i) => a + out[i]!, 0);
  }
  // Share what is left among the long columns by text per row, honouring minimum and natural widths.
  const fixed = new Map<number, number>();
  for (let guard = 0; guard < n + 2; guard++) {
    const free = long.filter((i) => !fixed.has(i));
    const room = left - [...fixed.values()].reduce((a, b) => a + b, 0);
    const weight = free.reduce((a, i) => a + needs[i]!.perRow, 0) || 1;
    let changed = false;
    for (const i of free) {
      const share = (room * needs[i]!.perRow) / weight;
      const natural = Math.max(mins[i]!, needs[i]!.natural);
      if (share < mins[i]!) {
        fixed.set(i, mins[i]!);
        changed = true;
      } else if (share > natural && free.length > 1) {
        fixed.set(i, natural);
        changed = true;
      } else out[i] = share;
    }
    if (!changed) break;
  }
  for (const [i, w] of fixed) out[i] = w;
  // Whole twips summing exactly to the total (any rounding or surplus goes to the columns in proportion).
  return largestRemainder(
    out.map((w) => Math.max(w, 1)),
    total,
    0,
  );
}

/**
 * Rating scales and the rules on ratings: presets, scores, exact means, counts, direction of travel,
 * readable colours and shapes, and when a rating counts as complete.
 *
 * Every plan defines its own key (domain.md "Rating scales"). A rating is shown with its text label and a
 * shape, never colour alone. Unrated rows (and levels such as N/A or Deferred) are left out of means; a
 * group with nothing rated has no mean (a dash), never 0.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import {
  formatRational,
  meanOfMeans,
  rational,
  rationalFromNumber,
  roundRational,
  addRationals,
  type Rational,
} from './rounding';

// ---------------------------------------------------------------------------------------------
// Types and presets
// ---------------------------------------------------------------------------------------------

/** One level of a plan's rating key. Structurally compatible with the stored `RatingLevel`. */
export interface ScaleLevel {
  id: string;
  position: number;
  /** Short stable key, e.g. "3", "R". */
  key: string;
  /** Text label always shown with the colour, e.g. "Red", "3 On track". */
  label: string;
  /** Six hex digits, no '#' (Word's w:fill form). */
  colour: string;
  /** Numeric value used for means; null = use the level order (or excluded on a numeric scale). */
  value: number | null;
  definition: string;
  countsAsComplete: boolean;
  canBeRemoved: boolean;
  requiresExplanation: boolean;
  /** Levels such as "N/A" or "Deferred": never scored, never in a mean. */
  excludedFromMean?: boolean;
}

/** A level before it is stored (no id, position given by order). */
export type LevelInput = Omit<ScaleLevel, 'id' | 'position'>;

export type ScalePresetId = 'five-level' | 'four-level-colour' | 'rag' | 'rag-blue' | 'words';

export interface ScalePreset {
  id: ScalePresetId;
  name: string;
  description: string;
  levels: LevelInput[];
}

/** Standard fills (as in the 2020 plan fixture). */
export const FILLS = {
  red: 'FF0000',
  amber: 'FFC000',
  green: '00B050',
  lightGreen: '92D050',
  blue: '0070C0',
  grey: 'BFBFBF',
} as const;

function level(
  key: string,
  label: string,
  colour: string,
  value: number | null,
  definition: string,
  flags: Partial<
    Pick<ScaleLevel, 'countsAsComplete' | 'canBeRemoved' | 'requiresExplanation' | 'excludedFromMean'>
  > = {},
): LevelInput {
  return {
    key,
    label,
    colour,
    value,
    definition,
    countsAsComplete: flags.countsAsComplete ?? false,
    canBeRemoved: flags.canBeRemoved ?? false,
    requiresExplanation: flags.requiresExplanation ?? false,
    ...(flags.excludedFromMean ? { excludedFromMean: true } : {}),
  };
}

/** The 2020 continuous development plan's key, word for word (levels 1-4 = Red, Amber, Green, Blue). */
const KEY_2020 = [
  'Action has not started or progressed',
  'Action and some progress but not fully achieved',
  'Action delivered and showing impact, further work to achieve desired level of consistency in practice',
  'Action delivered and evidence of consistency in practice and impact. Remains for continued monitoring',
] as const;

const RED_DEF = 'Not started or significantly delayed; needs corrective action';
const AMBER_DEF = 'Started with some delay or risk to the agreed date; must be monitored';

/** The built-in scales. Lowest (worst) level first. */
export const SCALE_PRESETS: Record<ScalePresetId, ScalePreset> = {
  'five-level': {
    id: 'five-level',
    name: 'Five-level numeric (1-5)',
    description: 'Numbered 1 to 5, as in the 2017-19 development plan. 0 or blank means not rated yet.',
    levels: [
      level('1', '1 Not started', FILLS.red, 1, 'Not started or significantly delayed; must be prioritised', {
        requiresExplanation: true,
      }),
      level('2', '2 Some delay', FILLS.amber, 2, 'Started with some delay; must be monitored', {
        requiresExplanation: true,
      }),
      level('3', '3 On track', FILLS.lightGreen, 3, 'On track for the agreed date'),
      level(
        '4',
        '4 Completed',
        FILLS.green,
        4,
        'Completed with evidence the improvement is sustained; stays in the plan for monitoring',
        {
          countsAsComplete: true,
        },
      ),
      level('5', '5 Sustained', FILLS.blue, 5, 'Completed and sustained; can be removed from the plan', {
        countsAsComplete: true,
        canBeRemoved: true,
      }),
    ],
  },
  'four-level-colour': {
    id: 'four-level-colour',
    name: 'Four-level colour key (Red, Amber, Green, Blue)',
    description: 'The 2020 continuous development plan key. Means use the level order (Red 1 ... Blue 4).',
    levels: [
      level('R', 'Red', FILLS.red, null, KEY_2020[0], { requiresExplanation: true }),
      level('A', 'Amber', FILLS.amber, null, KEY_2020[1], { requiresExplanation: true }),
      level('G', 'Green', FILLS.green, null, KEY_2020[2]),
      level('B', 'Blue', FILLS.blue, null, KEY_2020[3], { countsAsComplete: true }),
    ],
  },
  rag: {
    id: 'rag',
    name: 'RAG (Red, Amber, Green)',
    description: 'Three colours. Means use the level order (Red 1, Amber 2, Green 3).',
    levels: [
      level('R', 'Red', FILLS.red, null, RED_DEF, { requiresExplanation: true }),
      level('A', 'Amber', FILLS.amber, null, AMBER_DEF, { requiresExplanation: true }),
      level('G', 'Green', FILLS.green, null, 'On track for the agreed date, or delivered'),
    ],
  },
  'rag-blue': {
    id: 'rag-blue',
    name: 'RAG plus Blue for complete',
    description: 'Red, Amber, Green, and Blue for delivered. Means use the level order (Red 1 ... Blue 4).',
    levels: [
      level('R', 'Red', FILLS.red, null, RED_DEF, { requiresExplanation: true }),
      level('A', 'Amber', FILLS.amber, null, AMBER_DEF, { requiresExplanation: true }),
      level('G', 'Green', FILLS.green, null, 'On track for the agreed date'),
      level('B', 'Blue', FILLS.blue, null, 'Completed; delivered with evidence of impact', { countsAsComplete: true }),
    ],
  },
  words: {
    id: 'words',
    name: 'Words (Not started, Delayed, On track, Completed)',
    description: 'Status words instead of colours, as plans that open the progress text with a status phrase.',
    levels: [
      level('NOT STARTED', 'Not started', FILLS.red, null, 'Not started, or significantly delayed', {
        requiresExplanation: true,
      }),
      level('DELAYED', 'Delayed', FILLS.amber, null, 'Started, but behind the agreed date', {
        requiresExplanation: true,
      }),
      level('ON TRACK', 'On track', FILLS.green, null, 'On track for the agreed date'),
      level('COMPLETED', 'Completed', FILLS.blue, null, 'Completed', { countsAsComplete: true }),
    ],
  },
};

/** Extra levels councils commonly add; never scored and never in a mean. */
export const EXTRA_LEVELS: { notApplicable: LevelInput; deferred: LevelInput } = {
  notApplicable: level('N/A', 'N/A', FILLS.grey, null, 'Not applicable in this period', { excludedFromMean: true }),
  deferred: level('DEFERRED', 'Deferred', FILLS.grey, null, 'Deferred by agreement; not rated in this period', {
    excludedFromMean: true,
  }),
};

/** Gives level inputs ids and positions (0-based, in order). `idFor` defaults to "level-1", "level-2"... */
export function toScaleLevels(
  inputs: readonly LevelInput[],
  idFor: (input: LevelInput, index: number) => string = (_, i) => `level-${i + 1}`,
): ScaleLevel[] {
  return inputs.map((input, position) => ({ ...input, id: idFor(input, position), position }));
}

/** Levels sorted by position (lowest first); does not mutate. */
export function sortLevels<L extends ScaleLevel>(levels: readonly L[]): L[] {
  return [...levels].sort((a, b) => a.position - b.position);
}

// ---------------------------------------------------------------------------------------------
// Colour and shape: never colour alone
// ---------------------------------------------------------------------------------------------

function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(hex.trim());
  if (!m) throw new RangeError(`Colour must be six hex digits, for example FF0000: ${hex}`);
  return [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)];
}

/** WCAG 2 relative luminance of a six-digit hex colour (a leading '#' is tolerated). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white label text, whichever has the higher WCAG contrast on `hex` (black on a tie). */
export function contrastingTextColour(hex: string): '000000' | 'FFFFFF' {
  let text = textColourCache.get(hex);
  if (text === undefined) {
    const l = relativeLuminance(hex);
    text = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '000000' : 'FFFFFF';
    if (textColourCache.size < 1000) textColourCache.set(hex, text);
  }
  return text;
}
/** A scale has a handful of colours and every badge asks: each is worked out once. */
const textColourCache = new Map<string, '000000' | 'FFFFFF'>();

/**
 * Shapes given to levels by their order in the scale (lowest first), so ratings can be told apart without
 * colour. All are in the WGL4 set, so Arial renders them in Word. No triangles or arrows: those read as
 * direction of travel.
 */
export const LEVEL_SHAPES = ['■', '♦', '●', '□', '◊', '○', '♠', '♣', '♥', '▬'] as const;
export type LevelShape = (typeof LEVEL_SHAPES)[number];
export const SHAPE_NAMES: Record<LevelShape, string> = {
  '■': 'square',
  '♦': 'diamond',
  '●': 'circle',
  '□': 'open square',
  '◊': 'open diamond',
  '○': 'open circle',
  '♠': 'spade',
  '♣': 'club',
  '♥': 'heart',
  '▬': 'bar',
};

/** Each scale array sorted once (badges ask for their shape against the same array many times). */
const sortedCache = new WeakMap<readonly ScaleLevel[], readonly ScaleLevel[]>();

/**
 * The shape of `lvl` within `levels`: the n-th shape for the n-th level by position (lowest first), so each
 * level of a scale of up to 10 levels has a distinct shape (the list repeats after that).
 */
export function levelShape(lvl: ScaleLevel, levels: readonly ScaleLevel[]): LevelShape {
  let sorted = sortedCache.get(levels);
  if (!sorted || sorted.length !== levels.length) sortedCache.set(levels, (sorted = sortLevels(levels)));
  const index = Math.max(
    0,
    sorted.findIndex((l) => l.id === lvl.id),
  );
  return LEVEL_SHAPES[index % LEVEL_SHAPES.length] ?? '■';
}

// ---------------------------------------------------------------------------------------------
// Scores and means
// ---------------------------------------------------------------------------------------------

/** True when any level has a numeric value: then a level without one is not scored. */
export function isNumericScale(levels: readonly ScaleLevel[]): boolean {
  return levels.some((l) => l.value !== null);
}

/**
 * Whether an average of this scale means something: only when the key states the number of each level
 * (the five-level 1-5 scale). A colour key (Red, Amber, Green, Blue) has an order but no numbers, so its
 * summaries show counts per level and the share on track or complete instead of "2.4".
 */
export function averagesMeanSomething(levels: readonly ScaleLevel[]): boolean {
  return isNumericScale(levels);
}

/** A rating "on track or complete": a scored level that is not a red/amber one (needs no explanation). */
export function isOnTrackOrComplete(lvl: ScaleLevel): boolean {
  return !lvl.excludedFromMean && !lvl.requiresExplanation;
}

/**
 * The score used in means, or null when the level is not scored:
 * - `excludedFromMean` levels (N/A, Deferred) -> null;
 * - on a numeric scale, the level's value (null value -> null);
 * - on a scale with no values, its 1-based order by position among the scored levels.
 */
export function levelScore(lvl: ScaleLevel, levels: readonly ScaleLevel[]): number | null {
  if (lvl.excludedFromMean) return null;
  if (isNumericScale(levels)) return lvl.value;
  const scored = sortLevels(levels).filter((l) => !l.excludedFromMean);
  const index = scored.findIndex((l) => l.id === lvl.id);
  return index < 0 ? null : index + 1;
}

function findLevel(levelId: string | null, levels: readonly ScaleLevel[]): ScaleLevel | undefined {
  return levelId === null ? undefined : levels.find((l) => l.id === levelId);
}

/** Score of a rating by level id; null when not rated, unknown or not scored. */
export function scoreOf(levelId: string | null, levels: readonly ScaleLevel[]): number | null {
  const lvl = findLevel(levelId, levels);
  return lvl ? levelScore(lvl, levels) : null;
}

/** An exact mean with the number of items it averages. Round it with `roundMean` / `formatMeanOf`. */
export interface ExactMean extends Rational {
  /** Rated rows (section mean) or sections with a mean (overall) that went into it. */
  count: number;
}

/**
 * Exact mean score of a section's ratings (level ids; null = not rated). Unrated rows, unknown level ids
 * and unscored levels (N/A, Deferred) are left out. Null when nothing is scored (show a dash, never 0).
 */
export function sectionMean(
  ratingsOfSection: readonly (string | null)[],
  levels: readonly ScaleLevel[],
): ExactMean | null {
  const scores = ratingsOfSection.map((id) => scoreOf(id, levels)).filter((s): s is number => s !== null);
  if (scores.length === 0) return null;
  const sum = addRationals(scores.map(rationalFromNumber));
  return { ...rational(sum.num, sum.den * BigInt(scores.length)), count: scores.length };
}

/**
 * Overall figure: the unweighted mean of the exact (unrounded) section means, sections without a mean left
 * out, as the councils' spreadsheet does. Round once for display. Null when no section has a mean.
 */
export function overallMean(sectionMeans: readonly (Rational | null)[]): ExactMean | null {
  const present = sectionMeans.filter((m): m is Rational => m !== null);
  const m = meanOfMeans(present);
  return m === null ? null : { num: m.num, den: m.den, count: present.length };
}

/** Half-up rounded mean (1 dp for summaries, 0 dp for section pages); null stays null. */
export function roundMean(m: Rational | null, dp: 0 | 1): number | null {
  return m === null ? null : roundRational(m, dp);
}

/** Displayed mean: "3.3" / "3.0" at 1 dp, "3" at 0 dp; "–" when there is no mean. */
export function formatMeanOf(m: Rational | null, dp: 0 | 1): string {
  return formatRational(m, dp);
}

/** Counts of ratings per level. */
export interface LevelCounts {
  /** Every level id of the scale, with 0 where unused. */
  byLevel: Record<string, number>;
  /** Rows with no rating (null). */
  notRated: number;
  /** Rows whose level id is not in the scale (a data problem worth flagging). */
  unknown: number;
  total: number;
}

/** Counts ratings per level, plus the not-rated and unknown ones. */
export function countByLevel(levelIds: readonly (string | null)[], levels: readonly ScaleLevel[]): LevelCounts {
  const byLevel: Record<string, number> = {};
  for (const l of levels) byLevel[l.id] = 0;
  let notRated = 0;
  let unknown = 0;
  for (const id of levelIds) {
    if (id === null) notRated++;
    else if (Object.prototype.hasOwnProperty.call(byLevel, id)) byLevel[id] = (byLevel[id] ?? 0) + 1;
    else unknown++;
  }
  return { byLevel, notRated, unknown, total: levelIds.length };
}

// ---------------------------------------------------------------------------------------------
// Direction of travel
// ---------------------------------------------------------------------------------------------

export type Direction = 'improved' | 'no-change' | 'declined' | 'new' | 'not-rated';

function compareNumbers(prev: number, curr: number): 'improved' | 'no-change' | 'declined' {
  return curr > prev ? 'improved' : curr < prev ? 'declined' : 'no-change';
}

/**
 * Direction of one row between two periods (level ids; null = not rated).
 * No score now (not rated, unknown, N/A, Deferred) -> 'not-rated'; scored now but not before -> 'new';
 * otherwise the comparison of scores.
 */
export function actionDirection(
  prevLevelId: string | null,
  currLevelId: string | null,
  levels: readonly ScaleLevel[],
): Direction {
  const curr = scoreOf(currLevelId, levels);
  if (curr === null) return 'not-rated';
  const prev = scoreOf(prevLevelId, levels);
  if (prev === null) return 'new';
  return compareNumbers(prev, curr);
}

/**
 * Direction of a section or the overall mean. The means are compared as shown (half-up at 1 dp), so the
 * arrow always agrees with the printed figures: 3.24 -> 3.21 (both "3.2") is 'no-change'.
 * Accepts plain numbers or exact means. No current mean -> 'not-rated'; no previous mean -> 'new'.
 */
export function meanDirection(prev: number | Rational | null, curr: number | Rational | null): Direction {
  const shown = (m: number | Rational): number =>
    typeof m === 'number' ? roundRational(rationalFromNumber(m), 1) : roundRational(m, 1);
  if (curr === null) return 'not-rated';
  if (prev === null) return 'new';
  return compareNumbers(shown(prev), shown(curr));
}

export type DirectionArrow = '↑' | '→' | '↓' | '+' | '–';

/** Arrow and words for a direction (British English). Always show both, never the arrow alone. */
export function directionLabel(d: Direction): { arrow: DirectionArrow; words: string } {
  switch (d) {
    case 'improved':
      return { arrow: '↑', words: 'Improved' };
    case 'no-change':
      return { arrow: '→', words: 'No change' };
    case 'declined':
      return { arrow: '↓', words: 'Declined' };
    case 'new':
      return { arrow: '+', words: 'New' };
    case 'not-rated':
      return { arrow: '–', words: 'Not rated' };
  }
}

export type Polarity = 'higher-is-better' | 'lower-is-better';

/**
 * Direction of a performance indicator, respecting polarity (a falling value improves when lower is
 * better). Missing values are not zero: either missing (or not finite) -> 'not-rated'.
 */
export function indicatorDirection(
  prev: number | null,
  curr: number | null,
  polarity: Polarity,
): Exclude<Direction, 'new'> {
  if (prev === null || curr === null || !Number.isFinite(prev) || !Number.isFinite(curr)) return 'not-rated';
  return polarity === 'higher-is-better' ? compareNumbers(prev, curr) : compareNumbers(curr, prev);
}

// ---------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------

/** A red or amber style level: the rating needs an explanation and a corrective action. */
export function needsExplanation(lvl: ScaleLevel): boolean {
  return lvl.requiresExplanation;
}

export interface RatingEntry {
  levelId: string | null;
  explanation?: string | null;
  correctiveAction?: string | null;
}

function filled(text: string | null | undefined): boolean {
  return typeof text === 'string' && text.trim() !== '';
}

/**
 * Whether a rating is complete: rated at a level of the scale, and, if that level requires an explanation,
 * with both a non-blank explanation and a non-blank corrective action. Not rated or unknown level -> false.
 */
export function ratingIsComplete(rating: RatingEntry, levels: readonly ScaleLevel[]): boolean {
  const lvl = findLevel(rating.levelId, levels);
  if (!lvl) return false;
  return !needsExplanation(lvl) || (filled(rating.explanation) && filled(rating.correctiveAction));
}

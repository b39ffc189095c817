/**
 * Ratings: what a rating cell says (a number, a word or a shading), the scale (from the key table or from
 * the cells), the reporting periods (one per rating column; the current one is the latest that holds
 * ratings), each action's ratings and progress resolved against them, and typed summary figures checked
 * against the rows.
 *
 * Pure: no I/O.
 */
import type { ActionDraft } from '../../shared/draft';
import type { DetectedColumn, ImportWarningCode } from '../../shared/import-schema';
import type { RatingLevelInput } from '../../shared/model';
import {
  formatMeanOf,
  overallMean,
  SCALE_PRESETS,
  sectionMean,
  toScaleLevels,
  type LevelInput,
  type ScaleLevel,
} from '../../shared/ratings';
import type { Rational } from '../../shared/rounding';
import { colourFamily, hsl, normaliseHex, wordFamily, type ColourFamily } from './colours';
import { oneLine, rowTexts, sectionHeading, type Classified, type KeyLevel, type Warner } from './classify';
import type { Block, GridCell, GridRow } from './source';
import type { SectionBuild } from './walk';

export type RatingObs =
  | { kind: 'number'; n: number }
  | { kind: 'text'; text: string; family: ColourFamily | null; fill: string | null; number?: number }
  | { kind: 'fill'; fill: string; family: ColourFamily };

/** What a rating cell says: a number, a word or a colour; null when not rated (blank, 0) or unreadable. */
export function observeRating(
  cell: GridCell | undefined,
  warn: (code: ImportWarningCode, message: string) => void,
): RatingObs | null {
  if (!cell) return null;
  const text = oneLine(cell.text)
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim();
  if (text !== '') {
    const num = /^(\d+)(?:\s|$|\.|:)/.exec(text);
    if (num && /^\d+$/.test(text)) {
      const n = Number(num[1]);
      if (n === 0) return null;
      if (n >= 1 && n <= 9) return { kind: 'number', n };
      warn('unknown-rating', `The rating "${text}" is not a level of the scale; the row is left not rated.`);
      return null;
    }
    if (/^(n\/?a|not rated|tbc|-|–)$/i.test(text)) return null;
    const lead = /^([1-9])\s+\p{L}/u.exec(text);
    if (lead) return { kind: 'text', text, family: null, fill: cell.fill, number: Number(lead[1]) };
    const firstWord = text.split(/[\s:;,(–-]+/)[0] ?? '';
    return { kind: 'text', text, family: wordFamily(text) ?? wordFamily(firstWord), fill: cell.fill };
  }
  if (cell.fill === null || cell.fill === 'FFFFFF') return null;
  if (cell.fill === 'theme') {
    warn('unknown-colour', 'A rating cell uses a theme colour the importer cannot read; the row is left not rated.');
    return null;
  }
  const family = colourFamily(cell.fill);
  if (family === null) {
    const { s, l } = hsl(cell.fill);
    if (s < 0.1 && l > 0.85) return null; // pale grey: no rating
    warn('unknown-colour', `The shading #${cell.fill} is not red, amber, green or blue; the row is left not rated.`);
    return null;
  }
  return { kind: 'fill', fill: cell.fill, family };
}

export interface ScaleLevelBuild extends RatingLevelInput {
  key: string;
  label: string;
  colour: string;
  family: ColourFamily | null;
}

function stripExcluded(l: LevelInput): RatingLevelInput {
  const { excludedFromMean: _omit, ...rest } = l;
  return rest;
}

const FAMILY_KEY: Record<ColourFamily, string> = { red: 'R', amber: 'A', green: 'G', blue: 'B' };

export function presetLevels(id: keyof typeof SCALE_PRESETS): ScaleLevelBuild[] {
  return SCALE_PRESETS[id].levels.map((l) => ({
    ...stripExcluded(l),
    colour: l.colour,
    family: colourFamily(l.colour),
  }));
}

/** The scale from the key table: numbers -> the five-level preset, colours -> Red/Amber/Green/Blue levels. */
function scaleFromKey(key: KeyLevel[]): ScaleLevelBuild[] {
  if (key.every((k) => k.number !== null)) {
    const five = presetLevels('five-level');
    return key.map((k) => {
      const base = five.find((l) => l.key === String(k.number)) ?? five[0]!;
      const colour = normaliseHex(k.fill) ?? base.colour;
      return {
        ...base,
        label: /^\d+$/.test(k.label) ? base.label : k.label,
        colour,
        family: colourFamily(colour),
        definition: k.definition,
      };
    });
  }
  const families = key.map((k) => k.family);
  const preset =
    families.join(',') === 'red,amber,green,blue' ? presetLevels('four-level-colour') : presetLevels('rag-blue');
  const used = new Set<string>();
  return key.map((k) => {
    const family = k.family ?? 'green';
    const base = preset.find((l) => l.family === family) ?? preset[0]!;
    let keyName = FAMILY_KEY[family];
    for (let n = 2; used.has(keyName); n++) keyName = `${FAMILY_KEY[family]}${n}`;
    used.add(keyName);
    const colour = normaliseHex(k.fill) ?? base.colour;
    const label = k.label !== '' && k.number === null ? k.label : base.label;
    return { ...base, key: keyName, label, colour, family, definition: k.definition };
  });
}

const WORD_LEVELS = /^(not started|delayed|on track|completed?)$/i;

/** The scale when the document has no key: from what the rating cells hold. */
function scaleFromObservations(obs: RatingObs[]): { levels: ScaleLevelBuild[]; source: string } {
  if (obs.length === 0) return { levels: [], source: 'none' };
  const numbers = obs.filter((o) => o.kind === 'number' || (o.kind === 'text' && o.number !== undefined)).length;
  if (numbers >= obs.length / 2) return { levels: presetLevels('five-level'), source: 'numbers 1-5' };
  const texts = obs.filter((o): o is Extract<RatingObs, { kind: 'text' }> => o.kind === 'text');
  if (
    texts.length > 0 &&
    texts.every((t) => WORD_LEVELS.test(t.text)) &&
    texts.some((t) => !/^completed?$/i.test(t.text))
  )
    return { levels: presetLevels('words'), source: 'words' };
  const blue = obs.some((o) => o.kind !== 'number' && o.family === 'blue');
  return {
    levels: presetLevels(blue ? 'rag-blue' : 'rag'),
    source: texts.length > obs.length / 2 ? 'words' : 'colours',
  };
}

function distance(a: string, b: string): number {
  const x = parseInt(a, 16);
  const y = parseInt(b, 16);
  const dr = ((x >> 16) & 255) - ((y >> 16) & 255);
  const dg = ((x >> 8) & 255) - ((y >> 8) & 255);
  const db = (x & 255) - (y & 255);
  return dr * dr + dg * dg + db * db;
}

/** The level an observation means, or null (with the reason). */
function resolveRating(o: RatingObs, levels: ScaleLevelBuild[]): { key: string } | { problem: string } {
  const byFamily = (family: ColourFamily | null, fill: string | null): ScaleLevelBuild | undefined => {
    const same = levels.filter((l) => l.family === family);
    if (same.length <= 1 || fill === null) return same[0];
    return [...same].sort((a, b) => distance(a.colour, fill) - distance(b.colour, fill))[0];
  };
  if (o.kind === 'number') {
    const l = levels.find((x) => x.key === String(o.n) || x.value === o.n);
    return l ? { key: l.key } : { problem: `The rating ${o.n} is not a level of the scale` };
  }
  if (o.kind === 'text') {
    const t = o.text.toLowerCase();
    const exact = levels.find((l) => l.label.toLowerCase() === t || l.key.toLowerCase() === t);
    if (exact) return { key: exact.key };
    const lead = /^(\d)\b/.exec(o.text);
    if (lead) {
      const l = levels.find((x) => x.key === lead[1]);
      if (l) return { key: l.key };
    }
    const starts = levels.find((l) => t.startsWith(l.label.toLowerCase()));
    if (starts) return { key: starts.key };
    const fam = byFamily(o.family, normaliseHex(o.fill));
    if (fam) return { key: fam.key };
    const fillFam = byFamily(colourFamily(o.fill), normaliseHex(o.fill));
    if (fillFam) return { key: fillFam.key };
    return { problem: `The rating "${o.text}" is not a level of the scale` };
  }
  const l = byFamily(o.family, o.fill);
  return l ? { key: l.key } : { problem: `The shading #${o.fill} matches no level of the plan's key` };
}

/**
 * Reporting periods the document names in words: "Reporting period: January 2026 (to 31 January 2026)",
 * "Compared with: November 2025", and the "Previous (November 2025) average" headers of a summary table.
 * Lower-case.
 */
export function namedPeriods(blocks: readonly Block[]): Set<string> {
  const out = new Set<string>();
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      const m = /^(?:reporting period|compared with|period)\s*:\s*(.+?)\s*(?:\(.*\))?$/i.exec(oneLine(b.text));
      if (m?.[1]) out.add(m[1].toLowerCase());
    } else
      for (const cell of b.rows[0]?.cells ?? []) {
        const m = /\(([^()]+)\)\s*(?:average|mean)/i.exec(oneLine(cell.text));
        if (m?.[1]) out.add(m[1].trim().toLowerCase());
      }
  }
  return out;
}
/**
 * The period the document says it reports ("Reporting period: January 2026 (to 31 January 2026)", as the
 * Planwright appendix writes it), as written; undefined when it names none.
 */
export function reportingPeriodOf(blocks: readonly Block[]): string | undefined {
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    const m = /^reporting period\s*:\s*(.+?)\s*(?:\(.*\))?$/i.exec(oneLine(b.text));
    if (m?.[1]) return m[1].slice(0, 100);
  }
  return undefined;
}

/** Rows of a summary table whose typed averages differ from the means of the rated rows (1 dp, half-up). */
function summaryMismatches(
  rows: readonly GridRow[],
  sections: SectionBuild[],
  periods: string[],
  levels: ScaleLevel[],
  reported: { current: string | undefined; compare: string | undefined } = { current: undefined, compare: undefined },
): { row: number; message: string }[] {
  const header = rowTexts(rows[0]!);
  // A column names its period ("Previous (RAG 01/18) average"), or is a bare "Previous" / "Current" column:
  // the period before the current one, and the current one.
  const periodOf = (h: string): string | undefined => {
    const named = [...periods].sort((a, b) => b.length - a.length).find((p) => h.includes(p));
    if (named !== undefined) return /average|mean/i.test(h) || /^(previous|current)\b/i.test(h) ? named : undefined;
    if (/^(previous|last|prior)\b/i.test(h)) return reported.compare;
    if (/^(current|this|latest)\b/i.test(h)) return reported.current;
    return undefined;
  };
  const columns = header
    .map((h, i) => ({ i, h, period: periodOf(oneLine(h)) }))
    .filter((c): c is { i: number; h: string; period: string } => c.period !== undefined);
  const meanOf = (s: SectionBuild, period: string): Rational | null =>
    sectionMean(
      s.actions.map((a) => a.draft.ratings?.find((r) => r.period === period)?.level ?? null),
      levels,
    );
  const out: { row: number; message: string }[] = [];
  rows.slice(1).forEach((row, r) => {
    const label = oneLine(row.cells[0]?.text ?? '');
    const overall = /^overall|^all areas|^total/i.test(label);
    const h = sectionHeading(label);
    const section = overall
      ? null
      : sections.find((s) => (h?.number != null && s.number === h.number) || s.title === (h?.title ?? label));
    if (!overall && !section) return;
    for (const c of columns) {
      // "2.3", or "2.3 (Amber)" / "2.3 Amber" as some summaries write it: the figure is what is compared.
      const typed = /^(\d+(?:\.\d+)?)(?:\s|\(|$)/.exec(oneLine(row.cells[c.i]?.text ?? ''))?.[1];
      if (typed === undefined) continue;
      const computed = overall ? overallMean(sections.map((s) => meanOf(s, c.period))) : meanOf(section!, c.period);
      const shown = formatMeanOf(computed, 1);
      if (shown !== (typed.includes('.') ? typed : `${typed}.0`))
        out.push({
          row: r + 1,
          message: `The summary says ${typed} for ${overall ? 'the whole plan' : `section ${section!.number ?? section!.title}`} in ${c.period}, but its rated rows give ${shown}. The app computes from the rows.`,
        });
    }
  });
  return out;
}

const escapeRe = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A section's typed "Average rating: RAG 01/18: 2 (2.3); RAG 03/18: 3 (2.5)" line against its rated rows:
 * each period named with a figure (a whole number, or one decimal place, optionally both) that differs
 * from the mean of the rows (half-up) is a mismatch.
 */
function averageMismatches(text: string, section: SectionBuild, periods: string[], levels: ScaleLevel[]): string[] {
  const out: string[] = [];
  let rest = text;
  // Longest labels first, each match blanked out, so "2020" is not found again inside "March 2020".
  for (const period of [...periods].sort((a, b) => b.length - a.length)) {
    const m = new RegExp(
      `(?:^|[\\s:;,(])${escapeRe(period)}\\s*[:=-]?\\s*(\\d+(?:\\.\\d)?)(?:\\s*\\((\\d+\\.\\d)\\))?`,
      'i',
    ).exec(rest);
    if (!m) continue;
    rest = `${rest.slice(0, m.index)}${' '.repeat(m[0].length)}${rest.slice(m.index + m[0].length)}`;
    const mean = sectionMean(
      section.actions.map((a) => a.draft.ratings?.find((r) => r.period === period)?.level ?? null),
      levels,
    );
    for (const typed of [m[1], m[2]]) {
      if (typed === undefined) continue;
      const shown = formatMeanOf(mean, typed.includes('.') ? 1 : 0);
      if (shown !== typed)
        out.push(
          `The average rating typed for section ${section.number ?? section.title} says ${typed} in ${period}, but its rated rows give ${shown}. The app computes from the rows.`,
        );
    }
  }
  return out;
}

/** The plan's scale: the key table's levels, else what the rating cells hold (Red, Amber, Green when nothing can be told). */
export function chooseScale(
  keyLevels: KeyLevel[] | null,
  sections: SectionBuild[],
  ratingCols: DetectedColumn[],
): { levels: ScaleLevelBuild[]; scaleSource: string } {
  const observations = sections.flatMap((s) => s.actions.flatMap((a) => [...a.ratings.values()]));
  let levels: ScaleLevelBuild[];
  let scaleSource: string;
  if (keyLevels) {
    levels = scaleFromKey(keyLevels);
    scaleSource = 'key table';
  } else {
    ({ levels, source: scaleSource } = scaleFromObservations(observations));
    if (levels.length === 0 && ratingCols.length > 0) {
      levels = presetLevels('rag');
      scaleSource = 'none found (Red, Amber, Green assumed)';
    }
  }
  return { levels, scaleSource };
}

/**
 * A progress cell: the update, then (as the Planwright appendix writes them under red and amber ratings)
 * "Explanation: ..." and "Corrective action: ..." paragraphs. "No update this period." is no update.
 */
export function splitProgress(text: string): { body: string; explanation: string; correctiveAction: string } {
  const parts = { body: [] as string[], explanation: [] as string[], correctiveAction: [] as string[] };
  let into: keyof typeof parts = 'body';
  for (const line of text.split('\n')) {
    const m = /^(explanation|corrective action)\s*:\s*(.*)$/i.exec(line);
    if (m) {
      into = m[1]!.toLowerCase() === 'explanation' ? 'explanation' : 'correctiveAction';
      if (m[2]) parts[into].push(m[2]);
    } else parts[into].push(line);
  }
  const body = parts.body.join('\n');
  return {
    body: /^no update this period\.?$/i.test(body.trim()) ? '' : body,
    explanation: parts.explanation.join('\n'),
    correctiveAction: parts.correctiveAction.join('\n'),
  };
}

export interface Periods {
  labels: string[];
  /** The latest period that holds ratings (else the last); undefined when the plan has no period. */
  current: string | undefined;
  /** The period before the current one, if any. */
  compare: string | undefined;
}

/**
 * One period per rating column (labelled by its header, "RAG " left off when the document names its periods
 * in words), or one period for progress text without ratings. The current period is the latest that holds
 * ratings, compared with the one before it: future columns filled with 0 or left blank are never current.
 */
export function readPeriods(
  blocks: readonly Block[],
  sections: SectionBuild[],
  ratingCols: DetectedColumn[],
  defaultPeriod: string,
): Periods {
  const periodLabels: string[] = [];
  // "RAG January 2026" headers in a document that names its reporting period "January 2026": the word
  // "RAG" is the column's, not the period's, so it is left off every "RAG <period>" header.
  const named = namedPeriods(blocks);
  const bareOf = (label: string): string | undefined => /^(?:rag|rating|status)\s+(.+)$/i.exec(label)?.[1];
  const stripRag = ratingCols.some((c) => {
    const bare = bareOf(c.period ?? '');
    return bare !== undefined && named.has(bare.toLowerCase());
  });
  for (const c of ratingCols) {
    let label = c.period ?? (ratingCols.length === 1 ? defaultPeriod : c.header || defaultPeriod);
    const bare = stripRag ? bareOf(label) : undefined;
    if (bare !== undefined) {
      label = bare;
      if (c.period !== undefined) c.period = bare;
    }
    for (let n = 2; periodLabels.includes(label); n++) label = `${c.period ?? c.header} (${n})`;
    periodLabels.push(label);
  }
  const anyProgress = sections.some((s) => s.actions.some((a) => a.progressText !== ''));
  if (periodLabels.length === 0 && anyProgress) periodLabels.push(defaultPeriod);
  let currentIndex = -1;
  for (let p = periodLabels.length - 1; p >= 0 && currentIndex < 0; p--)
    if (sections.some((s) => s.actions.some((a) => a.ratings.has(p)))) currentIndex = p;
  if (currentIndex < 0) currentIndex = periodLabels.length - 1;
  return {
    labels: periodLabels,
    current: periodLabels[currentIndex],
    compare: currentIndex > 0 ? periodLabels[currentIndex - 1] : undefined,
  };
}

/** Each action's ratings resolved to the scale's levels, its progress given to the current period, its recommendation labels. */
export function resolveRatings(
  sections: SectionBuild[],
  periodLabels: string[],
  currentPeriod: string | undefined,
  levels: ScaleLevelBuild[],
  warn: Warner['warn'],
): number {
  let ratingCount = 0;
  for (const s of sections)
    for (const a of s.actions) {
      const ratings: NonNullable<ActionDraft['ratings']> = [];
      for (const [p, o] of [...a.ratings.entries()].sort((x, y) => x[0] - y[0])) {
        const r = resolveRating(o, levels);
        if ('key' in r) ratings.push({ period: periodLabels[p]!, level: r.key });
        else
          warn(
            o.kind === 'fill' ? 'unknown-colour' : 'unknown-rating',
            `${r.problem}; ${a.draft.reference ?? 'the row'} is left not rated in ${periodLabels[p]}.`,
            a.location,
          );
      }
      ratingCount += ratings.length;
      const progress = splitProgress(a.progressText);
      const currentRating = ratings.find((r) => r.period === currentPeriod);
      if (currentRating) {
        currentRating.explanation = progress.explanation;
        currentRating.correctiveAction = progress.correctiveAction;
      } else if (progress.explanation !== '' || progress.correctiveAction !== '') {
        progress.body = [
          progress.body,
          progress.explanation && `Explanation: ${progress.explanation}`,
          progress.correctiveAction && `Corrective action: ${progress.correctiveAction}`,
        ]
          .filter((x) => x)
          .join('\n');
      }
      a.draft.ratings = ratings;
      a.draft.progress = progress.body !== '' && currentPeriod ? [{ period: currentPeriod, body: progress.body }] : [];
      const recs: string[] = [];
      for (const label of [...a.tags.map((t) => `${t.agency} ${t.number}`), ...a.links])
        if (!recs.includes(label)) recs.push(label);
      a.draft.recommendations = recs;
    }
  return ratingCount;
}

/** Warnings for typed summary figures (a summary table, "Average rating: ..." lines) that disagree with the rows. */
export function summaryWarnings(
  classified: Classified,
  sections: SectionBuild[],
  periodLabels: string[],
  levels: ScaleLevelBuild[],
  w: Warner,
  reported?: { current: string | undefined; compare: string | undefined },
): void {
  const { tables, kinds } = classified;
  const { warn, where } = w;
  const scored = toScaleLevels(
    levels.map(({ family: _f, ...l }) => ({ ...l, value: l.value ?? null })),
    (l) => l.key,
  );
  for (const t of tables) {
    const k = kinds.get(t.index);
    if (k?.kind !== 'summary') continue;
    for (const m of summaryMismatches(k.rows, sections, periodLabels, scored, reported))
      warn('summary-mismatch', m.message, where(t.index, m.row));
  }
  for (const s of sections)
    for (const line of s.averages)
      for (const message of averageMismatches(line.text, s, periodLabels, scored))
        warn('summary-mismatch', message, line.location);
}

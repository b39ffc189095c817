/**
 * Performance indicator tables in Word and Excel ("Indicator | Polarity | 2016/17 | SN average | Target |
 * Jul ... Dec | YTD | DOT | Notes"), read into indicator drafts: missing values stay missing (never 0) and
 * any words in a value cell ("data being collated", "only collected quarterly") are kept as its note. The
 * year to date and direction of travel are worked out from the values, never copied; a typed year to date
 * only tells whether the indicator sums, averages or takes the latest month. Also: progress text quoting a
 * figure that disagrees with the indicator's latest value.
 *
 * Pure: no I/O.
 */
import type { IndicatorDraft } from '../../shared/draft';
import { latestValue, readIndicatorValue, yearToDate } from '../../shared/indicators';
import type { Indicator } from '../../shared/model';
import { normaliseHeader } from './headers';
import type { GridRow } from './source';

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:[\s-]+(?:\d{2}|\d{4}))?$/i;
const QUARTER = /^(q[1-4]|quarter [1-4])(?:[\s-]+\d{2,4})?$/i;
/** A baseline year written as a header: "2016/17", "2016-17", "16/17", "2016". */
const YEAR = /^(?:baseline\s*)?\(?((?:19|20)\d{2}(?:\s*[/-]\s*\d{2,4})?|\d{2}\s*\/\s*\d{2})\)?$/i;

type Role = 'name' | 'polarity' | 'unit' | 'baseline' | 'sn' | 'target' | 'month' | 'ytd' | 'dot' | 'notes';

function roleOf(header: string): Role | null {
  const h = normaliseHeader(header);
  const raw = oneLine(header);
  if (h === '') return null;
  if (/^polarity|good is|better if|is better/.test(h)) return 'polarity';
  if (/^units?$|unit of measure/.test(h)) return 'unit';
  if (/\bsn\b|statistical neighbou?rs?|stat neighbou?rs?|comparator/.test(h)) return 'sn';
  if (/target/.test(h)) return 'target';
  if (/^ytd$|year to date/.test(h)) return 'ytd';
  if (/^dot$|direction/.test(h)) return 'dot';
  if (/^(notes?|comments?|commentary|narrative)$/.test(h)) return 'notes';
  if (/baseline/.test(h) || YEAR.test(raw)) return 'baseline';
  if (MONTH.test(raw) || QUARTER.test(raw)) return 'month';
  if (/indicator|measure|^kpi|^pi$|^name$|^performance/.test(h)) return 'name';
  return null;
}

/** An indicator table: a header row with monthly (or quarterly) columns and at least one of polarity, SN average, YTD, DOT or target. */
export function isIndicatorHeader(texts: readonly string[]): boolean {
  const roles = texts.map(roleOf);
  const months = roles.filter((r) => r === 'month').length;
  const marks = new Set(
    roles.filter((r): r is Role => r === 'polarity' || r === 'sn' || r === 'ytd' || r === 'dot' || r === 'target'),
  );
  return (
    months >= 2 &&
    (marks.size >= 1 || roles.includes('name')) &&
    (marks.size >= 2 || roles[0] === 'name' || roles.includes('polarity'))
  );
}

/** A value cell read as the editor's paste reads it (one home: shared/indicators.ts). */
export const readValue = readIndicatorValue;

function polarityOf(text: string): Indicator['polarity'] | null {
  const t = oneLine(text).toLowerCase();
  if (/lower is better|low is good|smaller is better|\blow\b|\blower\b|↓|decrease/.test(t)) return 'lower-is-better';
  if (/higher is better|high is good|bigger is better|\bhigh\b|\bhigher\b|↑|increase/.test(t))
    return 'higher-is-better';
  return null;
}

export interface ReadIndicators {
  indicators: IndicatorDraft[];
  /** Row (0-based, in the table) of each indicator. */
  rows: number[];
}

/** Reads an indicator table whose header row is `headerRow` (0-based). */
export function readIndicatorTable(rows: readonly GridRow[], headerRow = 0): ReadIndicators {
  const header = rows[headerRow]!.cells.map((c) => (c.spanned ? '' : oneLine(c.text)));
  const roles = header.map(roleOf);
  const nameCol = Math.max(0, roles.indexOf('name'));
  const col = (r: Role) => roles.indexOf(r);
  const out: ReadIndicators = { indicators: [], rows: [] };
  rows.slice(headerRow + 1).forEach((row, i) => {
    const cell = (c: number) => (c >= 0 ? (row.cells[c]?.spanned ? '' : (row.cells[c]?.text ?? '')) : '');
    const nameText = cell(nameCol).trim();
    if (nameText === '') return;
    // The Planwright appendix writes the polarity under the name: "Re-referrals\n(lower is better)".
    const lines = nameText.split('\n').map((l) => l.trim());
    const polarityLine =
      lines.length > 1 && /^\((higher|lower) is better\)$/i.test(lines.at(-1)!) ? lines.pop()! : null;
    const name = lines.join(' ').trim();
    let percent = /%|percentage|proportion|\brate of\b/i.test(name);
    const values: { label: string; value: number | null; note: string }[] = [];
    roles.forEach((r, c) => {
      if (r !== 'month') return;
      const v = readValue(cell(c));
      percent ||= v.percent;
      values.push({ label: header[c]!, value: v.value, note: v.note });
    });
    const one = (r: Role) => readValue(cell(col(r)));
    const baselineCell = one('baseline');
    // "2024-25: 23.4%" (as the appendix writes it) names the year in the cell.
    const inCell = /^((?:19|20)\d{2}\s*[/-]\s*\d{2,4})\s*:\s*(.*)$/.exec(cell(col('baseline')).trim());
    const baseline = inCell ? readValue(inCell[2]!) : baselineCell;
    const baselineHeader = col('baseline') >= 0 ? header[col('baseline')]! : '';
    const baselineLabel = inCell ? inCell[1]! : (YEAR.exec(baselineHeader)?.[1] ?? '');
    percent ||= baseline.percent || one('sn').percent || one('target').percent;
    const unitText = cell(col('unit')).toLowerCase();
    const unit: Indicator['unit'] =
      /%|percent/.test(unitText) || (unitText === '' && percent)
        ? 'percent'
        : /day/.test(unitText) || /\bdays\b/i.test(name)
          ? 'days'
          : /rate|per\s/.test(unitText) || /\brate\b|per 10,?000/i.test(name)
            ? 'rate'
            : values.some((v) => v.value !== null)
              ? 'count'
              : 'other';
    const polarity = polarityOf(cell(col('polarity'))) ?? polarityOf(polarityLine ?? '') ?? 'higher-is-better';
    // A typed year to date only tells how it is worked out: the sum of the months, their mean, or the latest.
    const typedYtd = one('ytd').value;
    let ytd: Indicator['yearToDate'] = 'latest';
    if (typedYtd !== null) {
      for (const method of ['latest', 'sum', 'mean'] as const) {
        const computed = yearToDate({ values, yearToDate: method });
        if (computed !== null && Math.abs(computed - typedYtd) < 0.051) {
          ytd = method;
          break;
        }
      }
    }
    const notes = [
      cell(col('notes')).trim(),
      col('unit') < 0 || unit !== 'other' ? '' : `Unit: ${oneLine(cell(col('unit')))}`,
    ]
      .filter((x) => x !== '')
      .join('\n');
    out.indicators.push({
      name: name.slice(0, 500),
      unit,
      polarity,
      baselineLabel: baselineLabel.slice(0, 100),
      baseline: baseline.value,
      snAverage: one('sn').value,
      target: one('target').value,
      yearToDate: ytd,
      values: values.slice(0, 60),
      notes,
    });
    out.rows.push(headerRow + 1 + i);
  });
  return out;
}

const STOP = new Set([
  'with',
  'within',
  'from',
  'that',
  'this',
  'their',
  'have',
  'been',
  'into',
  'than',
  'over',
  'months',
  'month',
  'number',
  'percentage',
  'proportion',
  'currently',
  'average',
]);
const wordList = (t: string): string[] =>
  t
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 4 && !STOP.has(w))
    .map((w) => w.replace(/(ies|es|s)$/, ''));

/**
 * Figures a progress text quotes ("Currently 93.8% of assessments completed…") that disagree with the latest
 * value of the indicator named right after the figure: the words up to the next figure or clause, whose first
 * word and at least two words (or all, for a shorter name) are the indicator's. A figure after "target" is
 * a target, not a value.
 */
export function quotedFigureMismatches(
  progress: string,
  indicators: readonly IndicatorDraft[],
): { quoted: number; indicator: string; latest: { label: string; value: number }; sentence: string }[] {
  const out: { quoted: number; indicator: string; latest: { label: string; value: number }; sentence: string }[] = [];
  for (const sentence of progress.split(/(?<=[.!?])\s+|\n/)) {
    for (const m of sentence.matchAll(/(\d+(?:\.\d+)?)\s*%/g)) {
      const before = sentence.slice(0, m.index);
      if (/target\s*(?:of|is|:)?\s*$/i.test(before)) continue;
      const after = /^[^\d;:.!?()[\]]*/.exec(sentence.slice(m.index + m[0].length))?.[0] ?? '';
      const said = wordList(after);
      if (said.length === 0) continue;
      let best: { ind: IndicatorDraft; score: number } | null = null;
      for (const ind of indicators) {
        if ((ind.unit ?? 'other') !== 'percent') continue;
        const named = new Set(wordList(ind.name));
        if (!named.has(said[0]!)) continue;
        const score = new Set(said.filter((w) => named.has(w))).size;
        if (score >= Math.min(2, named.size) && (!best || score > best.score)) best = { ind, score };
      }
      if (!best) continue;
      const quoted = Number(m[1]);
      const latest = latestValue({ values: (best.ind.values ?? []).map((v) => ({ ...v, note: v.note ?? '' })) });
      if (latest && latest.value !== quoted)
        out.push({
          quoted,
          indicator: best.ind.name,
          latest: { label: latest.label, value: latest.value },
          sentence: sentence.trim(),
        });
    }
  }
  return out;
}

/**
 * Due dates as typed in real plans ("May 2014 to March 2016", "Quarterly (review March 2016)", "Jan-18",
 * "October 31st 2017", "Ongoing"...). The author's text is always kept; this module derives a reading from
 * it for the overdue and "due this period" views, and describes that reading back in British English.
 *
 * The rule above all: never produce a wrong date. When a text could mean two things, it is 'unparsed'.
 *
 * Readings and decisions:
 * - A date names a period: a day, a month or a year. `date` holds the LAST day of that period (the day
 *   after which the item is overdue): "September 2020" -> 2020-09-30, precision 'month'; "2021" ->
 *   2021-12-31, precision 'year'. Starts ("From July 2014", range starts) hold the FIRST day (2014-07-01).
 * - "End of March 2021" -> 2021-03-31, precision 'day'.
 * - Numeric dates are British day/month unless `monthFirst`; a part above 12 settles the order either way
 *   ("01/16/2018" -> 16 January 2018). "03/2016" and "01/18" (second part above 12) are month/year.
 * - A two-digit year after a month name is a year ("Sept 20" -> September 2020, "Jan-18" -> January 2018),
 *   the spreadsheet mmm-yy convention. Two-digit years mean 20yy: 00-49 by default, or, when `today` is
 *   given, up to ten years after today. Four-digit years must lie in 1950-2150.
 * - "2020/21", "2020-21", "2020/2021", "FY 20/21" are the financial year (April 2020 to March 2021);
 *   "Q3 2020/21" its third quarter (October to December 2020); both read as ranges. Left unparsed as
 *   ambiguous: a calendar "Q3 2020", "2011-12" (December 2011 or a financial year), and ranges with a bare
 *   year at either end, such as "2019-2020", "2014 to 2016" (calendar years, or financial years in GOV.UK
 *   style) or "Sept 2020 - 2021" (an academic year?).
 * - A range end without a year borrows nothing; a start without one takes the end's year ("May to July
 *   2016"), or the year before when that would come after the end ("November to February 2017").
 * - Several dates in one cell ("March 2020 / June 2020", one per line, "July 2020\nOct 20", "June 2020
 *   (revised from March 2020)") read as the
 *   LATEST of them: slipped dates are usually appended, so the latest is the current due date. Every part
 *   must be a date or range, otherwise the whole cell is unparsed.
 * - "Immediate", "Complete(d)", "TBC", seasons ("Summer 2020"), "early/mid/late March", "before March"
 *   and calendar quarters are not dates: 'unparsed' (describe: "not a date"). "Completed" is a status, not
 *   a due date, and reading it as 'ongoing' would put finished work in the ongoing views.
 * - A weekday that contradicts the date ("Monday 31 October 2017", a Tuesday) makes it unparsed.
 *
 * Pure TypeScript: no Node, no DOM.
 */

/** The years a four-digit year may name (a plan's dates are never outside these). */
export const MIN_YEAR = 1950;
export const MAX_YEAR = 2150;

export type DuePrecision = 'day' | 'month' | 'year';
export type Recurrence = 'weekly' | 'monthly' | 'quarterly' | 'annually' | 'termly';

export type DueParsed =
  | { kind: 'date'; date: string; precision: DuePrecision }
  | { kind: 'range'; start: string; end: string; precision: DuePrecision }
  | {
      kind: 'recurrence';
      every: Recurrence;
      /** Last day of the review period ("review March 2016" -> 2016-03-31). */
      review?: string;
      reviewPrecision?: DuePrecision;
      /** First day of the start period ("Oct 2014 Quarterly" -> 2014-10-01). */
      from?: string;
      fromPrecision?: DuePrecision;
    }
  | { kind: 'ongoing'; label: 'ongoing' | 'in place' | 'from'; from?: string; fromPrecision?: DuePrecision }
  | { kind: 'unparsed' };

export interface ParseDueOptions {
  /** ISO date of today; bounds two-digit years to at most ten years ahead. */
  today?: string;
  /** Read ambiguous numeric dates as month/day (US). Default false: British day/month. */
  monthFirst?: boolean;
}

// ---------------------------------------------------------------------------------------------
// ISO date helpers
// ---------------------------------------------------------------------------------------------

/** The months' full names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function splitIso(s: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidIsoDate(s: string): boolean {
  return splitIso(s) !== null;
}

function mustSplit(s: string): [number, number, number] {
  const parts = splitIso(s);
  if (!parts) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${s}`);
  return parts;
}

/** "13 February 2018" (British, no weekday, no leading zero). Throws RangeError on a bad ISO date. */
export function formatLongDate(isoDate: string): string {
  const [y, m, d] = mustSplit(isoDate);
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/** "February 2018". Throws RangeError on a bad ISO date. */
export function formatMonthYear(isoDate: string): string {
  const [y, m] = mustSplit(isoDate);
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

function formatAt(isoDate: string, precision: DuePrecision): string {
  if (precision === 'day') return formatLongDate(isoDate);
  if (precision === 'month') return formatMonthYear(isoDate);
  return String(mustSplit(isoDate)[0]);
}

/** Last day of the day/month/year containing `isoDate`. */
function endOfPeriod(isoDate: string, precision: DuePrecision): string {
  const [y, m] = mustSplit(isoDate);
  if (precision === 'day') return isoDate;
  if (precision === 'month') return iso(y, m, daysInMonth(y, m));
  return iso(y, 12, 31);
}

// ---------------------------------------------------------------------------------------------
// Periods: what a piece of text names
// ---------------------------------------------------------------------------------------------

/** A span of days named by some text: [start, end] inclusive. */
interface Period {
  start: string;
  end: string;
  precision: DuePrecision;
}

interface Ctx {
  monthFirst: boolean;
  maxTwoDigitYear: number;
}

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(st|nd|rd|th)?';
const YEAR = "'?(\\d{4}|\\d{2})";
const MONTH_INDEX = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function re(source: string): RegExp {
  return new RegExp(`^${source}$`);
}

const RE = {
  year: /^(\d{4})$/,
  monthYear: re(`${MONTH}\\s*[\\s,/-]?\\s*${YEAR}`),
  dayMonthYear: re(`${DAY}(?:\\s*of)?[\\s./-]*${MONTH}[\\s.,/-]*${YEAR}`),
  monthDayYear: re(`${MONTH}\\s*${DAY}(?:,\\s*|\\s+)${YEAR}`),
  numeric: /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/,
  isoLike: /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/,
  monthSlashYear: /^(\d{1,2})[/.-](\d{4})$/,
  monthSlashYy: /^(\d{1,2})\/(\d{2})$/,
  isoMonth: /^(\d{4})-(\d{2})$/,
  financialYear: /^(?:fy|financial year)?\s*(\d{4})\s*([/-])\s*(\d{4}|\d{2})$/,
  financialYearShort: /^(?:fy|financial year)\s*(\d{2})\s*\/\s*(\d{2})$/,
  quarterFirst: /^q([1-4])\s*(?:of\s+)?(?:fy|financial year)?\s*(\d{4}|\d{2})\s*([/-])\s*(\d{4}|\d{2})$/,
  quarterLast: /^(?:fy|financial year)?\s*(\d{4}|\d{2})\s*([/-])\s*(\d{4}|\d{2})\s*q([1-4])$/,
  endOf: /^(?:the\s+)?end\s+(?:of\s+)?(?:the\s+)?(.+)$/,
  weekday:
    /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+(.+)$/,
  monthOnly: re(MONTH),
  dayMonth: re(`${DAY}(?:\\s*of)?[\\s./-]*${MONTH}`),
  monthDay: re(`${MONTH}\\s*${DAY}`),
};

function monthOf(token: string | undefined): number {
  return MONTH_INDEX.indexOf((token ?? '').slice(0, 3)) + 1;
}

function yearOf(token: string | undefined, ctx: Ctx): number | null {
  if (!token) return null;
  const n = Number(token.replace("'", ''));
  if (token.replace("'", '').length === 4) return n >= MIN_YEAR && n <= MAX_YEAR ? n : null;
  const y = 2000 + n;
  return y <= ctx.maxTwoDigitYear ? y : null;
}

function dayPeriod(y: number | null, m: number, d: number): Period | null {
  if (y === null || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const s = iso(y, m, d);
  return { start: s, end: s, precision: 'day' };
}

function monthPeriod(y: number | null, m: number): Period | null {
  if (y === null || m < 1 || m > 12) return null;
  return { start: iso(y, m, 1), end: iso(y, m, daysInMonth(y, m)), precision: 'month' };
}

/** Financial year starting in April of `y1`; `y2Token` must be the next year (2 or 4 digits). */
function financialYear(y1: number | null, y2Token: string, quarter?: number): Period | null {
  if (y1 === null || y2Token === '') return null;
  const y2 = y2Token.length === 4 ? Number(y2Token) : Number(y2Token) + Math.floor((y1 + 1) / 100) * 100;
  if (y2 !== y1 + 1) return null;
  if (quarter === undefined) return { start: iso(y1, 4, 1), end: iso(y2, 3, 31), precision: 'month' };
  const startMonth = 4 + (quarter - 1) * 3; // 4, 7, 10, 13 (= January of y2)
  const y = startMonth > 12 ? y2 : y1;
  const m = ((startMonth - 1) % 12) + 1;
  return { start: iso(y, m, 1), end: iso(y, m + 2, daysInMonth(y, m + 2)), precision: 'month' };
}

/** Reads one date-like phrase (no ranges, lists or recurrences) as a period. */
function parsePeriod(input: string, ctx: Ctx): Period | null {
  let s = input
    .trim()
    .replace(
      /^(?:by|due(?:\s+by|\s+date)?|deadline|target(?:\s+date)?|in|during|(?:to be\s+)?(?:completed|complete|achieved|delivered) by)\s*:?\s+/,
      '',
    );
  let m: RegExpExecArray | null;

  if ((m = RE.endOf.exec(s))) {
    const p = parsePeriod(m[1] ?? '', ctx);
    return p ? { start: p.end, end: p.end, precision: 'day' } : null;
  }
  if ((m = RE.weekday.exec(s))) {
    const p = parsePeriod(m[2] ?? '', ctx);
    if (!p || p.precision !== 'day') return null;
    const [y, mo, d] = mustSplit(p.start);
    const actual = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
    return (m[1] ?? '').startsWith(actual ?? '?') ? p : null;
  }
  s = s.replace(/\s+/g, ' ');

  if ((m = RE.year.exec(s))) {
    const y = yearOf(m[1], ctx);
    return y === null ? null : { start: iso(y, 1, 1), end: iso(y, 12, 31), precision: 'year' };
  }
  if ((m = RE.monthYear.exec(s))) return monthPeriod(yearOf(m[2], ctx), monthOf(m[1]));
  if ((m = RE.dayMonthYear.exec(s))) return dayPeriod(yearOf(m[4], ctx), monthOf(m[3]), Number(m[1]));
  if ((m = RE.monthDayYear.exec(s))) {
    // "October 31st 2017", "October 31, 2017"; a two-digit year only with an ordinal ("Oct 20th 21").
    if ((m[4] ?? '').replace("'", '').length === 2 && !m[3]) return null;
    return dayPeriod(yearOf(m[4], ctx), monthOf(m[1]), Number(m[2]));
  }
  if ((m = RE.numeric.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = yearOf(m[4], ctx);
    let monthFirst = ctx.monthFirst;
    if (a > 12 && b <= 12) monthFirst = false;
    else if (b > 12 && a <= 12) monthFirst = true;
    return monthFirst ? dayPeriod(y, a, b) : dayPeriod(y, b, a);
  }
  if ((m = RE.isoLike.exec(s))) return dayPeriod(yearOf(m[1], ctx), Number(m[3]), Number(m[4]));
  if ((m = RE.monthSlashYear.exec(s))) return monthPeriod(yearOf(m[2], ctx), Number(m[1]));
  if ((m = RE.monthSlashYy.exec(s))) {
    // "01/18" = January 2018 only when the second part cannot be a month (else it may be a day/month).
    return Number(m[2]) > 12 ? monthPeriod(yearOf(m[2], ctx), Number(m[1])) : null;
  }
  if ((m = RE.quarterFirst.exec(s))) return financialYear(yearOf(m[2], ctx), m[4] ?? '', Number(m[1]));
  if ((m = RE.quarterLast.exec(s))) return financialYear(yearOf(m[1], ctx), m[3] ?? '', Number(m[4]));
  if ((m = RE.financialYearShort.exec(s))) return financialYear(yearOf(m[1], ctx), m[2] ?? '');
  if ((m = RE.financialYear.exec(s))) {
    const t2 = m[3] ?? '';
    // "2019-2020" may be two calendar years or a financial year: refuse to guess ("2019/2020" is a financial year).
    if (m[2] === '-' && t2.length === 4) return null;
    const fy = financialYear(yearOf(m[1], ctx), t2);
    const alsoMonth = m[2] === '-' && t2.length === 2 && Number(t2) >= 1 && Number(t2) <= 12;
    // "2011-12" is both a financial year and December 2011: refuse to guess.
    if (fy && alsoMonth) return null;
    if (fy) return fy;
  }
  if ((m = RE.isoMonth.exec(s))) return monthPeriod(yearOf(m[1], ctx), Number(m[2]));
  return null;
}

/** A start phrase without a year ("May", "1 May", "May 1st"), taking its year from the end period. */
function parseYearlessStart(s: string, end: Period): Period | null {
  const endYear = mustSplit(end.start)[0];
  let m: RegExpExecArray | null;
  let make: ((y: number) => Period | null) | null = null;
  if ((m = RE.monthOnly.exec(s))) {
    const mo = monthOf(m[1]);
    make = (y) => monthPeriod(y, mo);
  } else if ((m = RE.dayMonth.exec(s))) {
    const [d, mo] = [Number(m[1]), monthOf(m[3])];
    make = (y) => dayPeriod(y, mo, d);
  } else if ((m = RE.monthDay.exec(s)) && m[3]) {
    // "May 1st to June 2020" (ordinal needed: "May 20" would be a year).
    const [mo, d] = [monthOf(m[1]), Number(m[2])];
    make = (y) => dayPeriod(y, mo, d);
  }
  if (!make) return null;
  const same = make(endYear);
  // "November to February 2017" starts in November 2016.
  if (same && same.start <= end.start) return same;
  return make(endYear - 1);
}

const COARSER: Record<DuePrecision, number> = { day: 0, month: 1, year: 2 };

/** "May 2014 to March 2016", "Between May and July 2016", "May-July 2016", "May 2014 - March 2016". */
function parseRange(s: string, ctx: Ctx): Period | null {
  let parts: [string, string] | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through|thru|–|-)\s+(.+)$/.exec(s)))
    parts = [m[1] ?? '', m[2] ?? ''];
  else {
    const split = s.split(/\s+(?:to|until|till|through|thru)\s+|\s*–\s*|\s+-\s+/);
    if (split.length === 2) parts = [split[0] ?? '', split[1] ?? ''];
    else if ((m = new RegExp(`^(${MONTH})\\s*-\\s*(${MONTH}.*)$`).exec(s))) parts = [m[1] ?? '', m[3] ?? ''];
    else if ((m = /^(.*[a-z].*\d{4})\s*-\s*([a-z].*)$/.exec(s))) parts = [m[1] ?? '', m[2] ?? ''];
    else if ((m = /^(\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*-\s*(\d{1,2}[/.]\d{1,2}[/.]\d{2,4})$/.exec(s)))
      parts = [m[1] ?? '', m[2] ?? ''];
  }
  if (!parts) return null;
  const [a, b] = parts.map((p) => p.trim()) as [string, string];
  const end = parsePeriod(b, ctx);
  if (!end) return null;
  const start = parsePeriod(a, ctx) ?? parseYearlessStart(a, end);
  if (!start || start.start > end.start) return null;
  // "2019 to 2020" is GOV.UK style for a financial year as often as two calendar years, and "Sept 2020 -
  // 2021" may be an academic year: a bare year at either end is too vague to read.
  if (start.precision === 'year' || end.precision === 'year') return null;
  const precision = COARSER[start.precision] >= COARSER[end.precision] ? start.precision : end.precision;
  return { start: start.start, end: end.end, precision };
}

/** A period as a due reading: one whole day/month/year -> 'date' (its last day), otherwise 'range'. */
function toDue(p: Period): DueParsed {
  const [y, m] = mustSplit(p.start);
  const single =
    p.precision === 'day'
      ? p.start === p.end
      : p.precision === 'month'
        ? p.start === iso(y, m, 1) && p.end === iso(y, m, daysInMonth(y, m))
        : p.start === iso(y, 1, 1) && p.end === iso(y, 12, 31);
  return single
    ? { kind: 'date', date: p.end, precision: p.precision }
    : { kind: 'range', start: p.start, end: p.end, precision: p.precision };
}

/** A date or a range, from a date-like phrase. */
function parseDateLike(s: string, ctx: Ctx): DueParsed | null {
  const p = parseRange(s, ctx) ?? parsePeriod(s, ctx);
  return p ? toDue(p) : null;
}

// ---------------------------------------------------------------------------------------------
// Recurrences and ongoing
// ---------------------------------------------------------------------------------------------

const RECURRENCE_WORDS: Record<string, Recurrence> = {
  weekly: 'weekly',
  week: 'weekly',
  monthly: 'monthly',
  month: 'monthly',
  quarterly: 'quarterly',
  quarter: 'quarterly',
  annual: 'annually',
  annually: 'annually',
  yearly: 'annually',
  year: 'annually',
  termly: 'termly',
  term: 'termly',
};
const RECURRENCE_RE =
  /\b(?:(weekly|monthly|quarterly|annual(?:ly)?|yearly|termly)|(?:every|each|per|once\s+a|once\s+per)\s+(week|month|quarter|year|term))\b/g;
const RECURRENCE_REJECT =
  /\b(?:fortnight\w*|bi-?(?:annual\w*|monthly|weekly)|semi-?annual\w*|half[\s-]?yearly|twice|(?:two|three|four|six|twelve|\d+)[\s-]*(?:weekly|monthly|yearly))\b/;
const FILLER =
  /\b(?:reviews?|reviewed|reporting|reports?|reported|meetings?|basis|on a|audits?|monitoring|updates?|and|ongoing|on-going|thereafter|cycle|returns?|checks?|at least|minimum)\b/g;
const FROM_WORDS = /^(?:from|starting(?:\s+from)?|commencing|beginning|since|with effect from)\s+/;

function parseRecurrence(s: string, ctx: Ctx): DueParsed | null {
  const matches = [...s.matchAll(RECURRENCE_RE)];
  if (matches.length !== 1 || RECURRENCE_REJECT.test(s)) return null;
  const hit = matches[0];
  if (!hit) return null;
  const every = RECURRENCE_WORDS[hit[1] ?? hit[2] ?? ''];
  if (!every) return null;
  let rest = (s.slice(0, hit.index) + ' ' + s.slice(hit.index + hit[0].length))
    .replace(/[(),;:]/g, ' ')
    .replace(/\s[-–]\s|–/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const out: Extract<DueParsed, { kind: 'recurrence' }> = { kind: 'recurrence', every };

  const review = /\b(?:next\s+)?review(?:ed)?\s+(?:(?:in|by|on|due|date|at)\s+)?(.+)$/.exec(rest);
  if (review) {
    const p = parsePeriod(review[1] ?? '', ctx);
    if (p) {
      out.review = p.end;
      out.reviewPrecision = p.precision;
      rest = rest.slice(0, review.index);
    }
  }
  rest = rest
    .replace(FILLER, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(FROM_WORDS, '')
    .replace(/\s+onwards$/, '');
  if (rest !== '') {
    const p = parsePeriod(rest, ctx);
    if (!p) return null;
    out.from = p.start;
    out.fromPrecision = p.precision;
  }
  return out;
}

function parseOngoing(s: string, ctx: Ctx): DueParsed | null {
  if (/^(?:on-?\s?going|continuous|continuing|continual)$/.test(s)) return { kind: 'ongoing', label: 'ongoing' };
  if (/^(?:already\s+|now\s+)?in place$/.test(s)) return { kind: 'ongoing', label: 'in place' };
  const m =
    /^(?:(?:on-?\s?going)\s*[-–,:]?\s*)?(?:from|starting(?:\s+from)?|commencing|beginning|since|with effect from)\s+(.+?)(?:\s+onwards)?$/.exec(
      s,
    ) ?? /^(.+?)\s+onwards$/.exec(s);
  if (!m) return null;
  const p = parsePeriod(m[1] ?? '', ctx);
  return p ? { kind: 'ongoing', label: 'from', from: p.start, fromPrecision: p.precision } : null;
}

// ---------------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------------

const UNPARSED: DueParsed = { kind: 'unparsed' };

/** Lower-cased lines with tidy spaces, without bullets, trailing full stops or wrapping brackets. */
function normaliseLines(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[‐‑‒—―]/g, (c) => (c === '—' || c === '―' ? '–' : '-'))
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^[•*·]\s*/, '')
        .replace(/[.,;:]+$/, '')
        .replace(/^\((.*)\)$/, '$1')
        .trim(),
    )
    .filter((line) => line !== '');
}

function parseCell(s: string, ctx: Ctx): DueParsed | null {
  return parseOngoing(s, ctx) ?? parseRecurrence(s, ctx) ?? parseDateLike(s, ctx) ?? null;
}

/** Several dates in one cell: every part must be a date or range; the latest one wins. */
function parseList(lines: readonly string[], ctx: Ctx): DueParsed | null {
  const parts = lines
    .join('\n')
    .replace(/[()]/g, '\n')
    .split(/\n|;|&|\s+and\s+|\s+then\s+|\s+\/\s+|\/(?=\s*[a-z])|(?<=[a-z.])\s*\/|,(?=\s*[a-z])/)
    .map((p) =>
      p
        .trim()
        .replace(/[.,:]+$/, '')
        .replace(
          /^(?:revised|extended|deferred|moved|changed|slipped|new date|now|was|originally|previously|initially)(?:\s+(?:to|date|from))?\s*:?\s*/,
          '',
        )
        .trim(),
    )
    .filter((p) => p !== '');
  if (parts.length < 2) return null;
  let best: DueParsed | null = null;
  for (const part of parts) {
    const d = parseDateLike(part, ctx);
    if (!d) return null;
    if (!best || (dueEnd(d) ?? '') > (dueEnd(best) ?? '')) best = d;
  }
  return best;
}

/**
 * Reads a due-date cell. Never throws; anything it is not sure of is `{ kind: 'unparsed' }`.
 * See the module comment for the forms and decisions.
 */
export function parseDue(text: string, opts: ParseDueOptions = {}): DueParsed {
  try {
    if (typeof text !== 'string') return UNPARSED;
    const today = typeof opts.today === 'string' ? splitIso(opts.today) : null;
    const ctx: Ctx = {
      monthFirst: opts.monthFirst === true,
      maxTwoDigitYear: today ? Math.min(today[0] + 10, 2099) : 2049,
    };
    const lines = normaliseLines(text);
    if (lines.length === 0) return UNPARSED;
    return parseCell(lines.join(' '), ctx) ?? parseList(lines, ctx) ?? UNPARSED;
  } catch {
    return UNPARSED;
  }
}

// ---------------------------------------------------------------------------------------------
// Using a reading
// ---------------------------------------------------------------------------------------------

/** The last day before the item is overdue: for a date, the end of its day/month/year; for a range, its end. Else null. */
export function dueEnd(parsed: DueParsed): string | null {
  if (parsed.kind === 'date') return endOfPeriod(parsed.date, parsed.precision);
  if (parsed.kind === 'range') return parsed.end;
  return null;
}

/** Overdue only when there is a real date or range end and today is after it. */
export function isOverdue(parsed: DueParsed, todayIso: string): boolean {
  const end = dueEnd(parsed);
  return end !== null && todayIso > end;
}

/** Due this period: the due end (see `dueEnd`) falls within [startIso, endIso], both inclusive. */
export function isDueInPeriod(parsed: DueParsed, startIso: string, endIso: string): boolean {
  const end = dueEnd(parsed);
  return end !== null && startIso <= end && end <= endIso;
}

/** The reading in words, for "read as: ..." in the UI: "31 October 2017", "May 2014 to March 2016", "not a date". */
export function describeDue(parsed: DueParsed): string {
  switch (parsed.kind) {
    case 'date':
      return formatAt(parsed.date, parsed.precision);
    case 'range':
      return `${formatAt(parsed.start, parsed.precision)} to ${formatAt(parsed.end, parsed.precision)}`;
    case 'recurrence': {
      let text: string = parsed.every;
      if (parsed.from) text += ` from ${formatAt(parsed.from, parsed.fromPrecision ?? 'day')}`;
      if (parsed.review) text += ` (review ${formatAt(parsed.review, parsed.reviewPrecision ?? 'day')})`;
      return text;
    }
    case 'ongoing':
      if (parsed.label === 'in place') return 'in place';
      return parsed.from ? `ongoing from ${formatAt(parsed.from, parsed.fromPrecision ?? 'day')}` : 'ongoing';
    case 'unparsed':
      return 'not a date';
  }
}

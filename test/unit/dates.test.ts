import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeDue,
  dueEnd,
  formatLongDate,
  formatMonthYear,
  isDueInPeriod,
  isOverdue,
  isValidIsoDate,
  parseDue,
  type DueParsed,
} from '../../shared/dates';

const date = (d: string, precision: 'day' | 'month' | 'year'): DueParsed => ({ kind: 'date', date: d, precision });
const range = (start: string, end: string, precision: 'day' | 'month' | 'year' = 'month'): DueParsed => ({
  kind: 'range',
  start,
  end,
  precision,
});
const UNPARSED: DueParsed = { kind: 'unparsed' };

describe('parseDue: the forms in domain.md', () => {
  it.each<[string, DueParsed, string]>([
    ['May 2014 to March 2016', range('2014-05-01', '2016-03-31'), 'May 2014 to March 2016'],
    [
      'From July 2014',
      { kind: 'ongoing', label: 'from', from: '2014-07-01', fromPrecision: 'month' },
      'ongoing from July 2014',
    ],
    [
      'Quarterly (review March 2016)',
      { kind: 'recurrence', every: 'quarterly', review: '2016-03-31', reviewPrecision: 'month' },
      'quarterly (review March 2016)',
    ],
    [
      'Oct 2014 Quarterly',
      { kind: 'recurrence', every: 'quarterly', from: '2014-10-01', fromPrecision: 'month' },
      'quarterly from October 2014',
    ],
    ['Ongoing', { kind: 'ongoing', label: 'ongoing' }, 'ongoing'],
    ['In place', { kind: 'ongoing', label: 'in place' }, 'in place'],
    ['Annual', { kind: 'recurrence', every: 'annually' }, 'annually'],
    ['Jan-18', date('2018-01-31', 'month'), 'January 2018'],
    ['Sept 20', date('2020-09-30', 'month'), 'September 2020'],
    ['October 31st 2017', date('2017-10-31', 'day'), '31 October 2017'],
    ['01/16/2018', date('2018-01-16', 'day'), '16 January 2018'],
    ['13/02/2018', date('2018-02-13', 'day'), '13 February 2018'],
    ['March 2020 / June 2020', date('2020-06-30', 'month'), 'June 2020'],
    ['September 2020', date('2020-09-30', 'month'), 'September 2020'],
    ['End of March 2021', date('2021-03-31', 'day'), '31 March 2021'],
    ['31.03.21', date('2021-03-31', 'day'), '31 March 2021'],
    ['Q3 2020/21', range('2020-10-01', '2020-12-31'), 'October 2020 to December 2020'],
    ['2020/21', range('2020-04-01', '2021-03-31'), 'April 2020 to March 2021'],
    ['Summer 2020', UNPARSED, 'not a date'],
    ['Immediate', UNPARSED, 'not a date'],
    ['Complete', UNPARSED, 'not a date'],
    ['Completed.', UNPARSED, 'not a date'],
    ['TBC', UNPARSED, 'not a date'],
  ])('%j', (text, expected, described) => {
    const parsed = parseDue(text);
    expect(parsed).toEqual(expected);
    expect(describeDue(parsed)).toBe(described);
  });
});

describe('parseDue: forms in the 2020 fixture and other real cells', () => {
  it.each<[string, DueParsed]>([
    ['July 20', date('2020-07-31', 'month')],
    ['Jan 20', date('2020-01-31', 'month')],
    ['Sept 2020', date('2020-09-30', 'month')],
    ['Jun 20', date('2020-06-30', 'month')],
    ['April 2020', date('2020-04-30', 'month')],
    ['Feb 20', date('2020-02-29', 'month')],
    ['July 2020\nOct 20', date('2020-10-31', 'month')],
    ['July 2020\nOct 2020', date('2020-10-31', 'month')],
    ['  september 2020.  ', date('2020-09-30', 'month')],
    ["Sept '20", date('2020-09-30', 'month')],
    ['Sep. 2020', date('2020-09-30', 'month')],
    ['January, 2018', date('2018-01-31', 'month')],
    ['31 October 2017', date('2017-10-31', 'day')],
    ['31st of October 2017', date('2017-10-31', 'day')],
    ['31-Oct-2017', date('2017-10-31', 'day')],
    ['31 Oct 17', date('2017-10-31', 'day')],
    ['October 31, 2017', date('2017-10-31', 'day')],
    ['Tuesday 31 October 2017', date('2017-10-31', 'day')],
    ['2018-02-13', date('2018-02-13', 'day')],
    ['1/2/2018', date('2018-02-01', 'day')],
    ['29/02/2020', date('2020-02-29', 'day')],
    ['03/2016', date('2016-03-31', 'month')],
    ['01/18', date('2018-01-31', 'month')],
    ['2018-02', date('2018-02-28', 'month')],
    ['2021', date('2021-12-31', 'year')],
    ['By March 2020', date('2020-03-31', 'month')],
    ['Due: 13/02/2018', date('2018-02-13', 'day')],
    ['By end of March 2021', date('2021-03-31', 'day')],
    ['End of 2021', date('2021-12-31', 'day')],
    ['End of Q3 2020/21', date('2020-12-31', 'day')],
    ['(July 2020)', date('2020-07-31', 'month')],
    ['May 2014 - March 2016', range('2014-05-01', '2016-03-31')],
    ['May 2014 – March 2016', range('2014-05-01', '2016-03-31')],
    ['May 2014-March 2016', range('2014-05-01', '2016-03-31')],
    ['From May 2014 to March 2016', range('2014-05-01', '2016-03-31')],
    ['Between May and July 2016', range('2016-05-01', '2016-07-31')],
    ['May-July 2016', range('2016-05-01', '2016-07-31')],
    ['November to February 2017', range('2016-11-01', '2017-02-28')],
    ['1 May 2014 to 31 March 2016', range('2014-05-01', '2016-03-31', 'day')],
    ['1 May 2014 to March 2016', range('2014-05-01', '2016-03-31', 'month')],
    ['01/05/2014 - 31/03/2016', range('2014-05-01', '2016-03-31', 'day')],
    ['March 2020 to March 2020', date('2020-03-31', 'month')],
    ['Q1 2020/21', range('2020-04-01', '2020-06-30')],
    ['Q4 2020/21', range('2021-01-01', '2021-03-31')],
    ['2020/21 Q2', range('2020-07-01', '2020-09-30')],
    ['Q3 20/21', range('2020-10-01', '2020-12-31')],
    ['FY 20/21', range('2020-04-01', '2021-03-31')],
    ['2020-21', range('2020-04-01', '2021-03-31')],
    ['2020/2021', range('2020-04-01', '2021-03-31')],
    ['March 2020/June 2020', date('2020-06-30', 'month')],
    ['June 2020 (was March 2020)', date('2020-06-30', 'month')],
    ['March 2020; revised to June 2020', date('2020-06-30', 'month')],
    ['Revised: June 2020 (originally March 2020)', date('2020-06-30', 'month')],
    ['31/03/2020 / 30/06/2020', date('2020-06-30', 'day')],
    ['Sept 2020 onwards', { kind: 'ongoing', label: 'from', from: '2020-09-01', fromPrecision: 'month' }],
    ['Ongoing from 1 April 2019', { kind: 'ongoing', label: 'from', from: '2019-04-01', fromPrecision: 'day' }],
    ['On-going', { kind: 'ongoing', label: 'ongoing' }],
    ['Already in place', { kind: 'ongoing', label: 'in place' }],
    ['Monthly', { kind: 'recurrence', every: 'monthly' }],
    ['Weekly', { kind: 'recurrence', every: 'weekly' }],
    ['Termly', { kind: 'recurrence', every: 'termly' }],
    ['Annually', { kind: 'recurrence', every: 'annually' }],
    ['Every year', { kind: 'recurrence', every: 'annually' }],
    ['Reviewed annually', { kind: 'recurrence', every: 'annually' }],
    ['Quarterly review meetings', { kind: 'recurrence', every: 'quarterly' }],
    ['Monthly from April 2020', { kind: 'recurrence', every: 'monthly', from: '2020-04-01', fromPrecision: 'month' }],
    [
      'Quarterly from Oct 2014 (next review 31/03/2016)',
      {
        kind: 'recurrence',
        every: 'quarterly',
        from: '2014-10-01',
        fromPrecision: 'month',
        review: '2016-03-31',
        reviewPrecision: 'day',
      },
    ],
    [
      'Quarterly\n(review March 2016)',
      { kind: 'recurrence', every: 'quarterly', review: '2016-03-31', reviewPrecision: 'month' },
    ],
  ])('%j', (text, expected) => {
    expect(parseDue(text)).toEqual(expected);
  });
});

describe('parseDue: never a wrong date', () => {
  it.each([
    '',
    '   ',
    'TBC',
    'TBA',
    'N/A',
    '-',
    'Immediately',
    'Done',
    'Summer 2020',
    'Spring term 2020',
    'Early March 2021',
    'Mid March 2021',
    'Late March 2021',
    'Before March 2020',
    'Q3 2020', // calendar or financial quarter?
    '2011-12', // December 2011 or financial year 2011/12?
    '2019-2020', // two calendar years or a financial year?
    '2014 to 2016',
    'Sept 2020 - 2021',
    'March/April 2020',
    '12/05', // 12 May or December 2005?
    'March', // no year
    'October 31st', // no year
    '31/02/2020',
    '29/02/2019',
    '13/13/2018',
    'Monday 31 October 2017', // it was a Tuesday
    'March 2016 to May 2014', // backwards
    'Six-monthly',
    'Bi-annual',
    'Fortnightly',
    'Quarterly until March 2016',
    'Monthly and quarterly',
    'Annual leave',
    'March 2020 and ongoing',
    'March 2020 / TBC',
    'Sept 20 / 21',
    'Asked John Cooke',
    '1850',
    'May 1799',
  ])('%j is unparsed', (text) => {
    expect(parseDue(text)).toEqual(UNPARSED);
  });

  it('is not a string -> unparsed, never a throw', () => {
    expect(parseDue(undefined as unknown as string)).toEqual(UNPARSED);
    expect(parseDue(42 as unknown as string)).toEqual(UNPARSED);
  });
});

describe('parseDue options', () => {
  it('reads ambiguous numeric dates British by default, US with monthFirst; a part above 12 decides', () => {
    expect(parseDue('01/02/2018')).toEqual(date('2018-02-01', 'day'));
    expect(parseDue('01/02/2018', { monthFirst: true })).toEqual(date('2018-01-02', 'day'));
    expect(parseDue('13/02/2018', { monthFirst: true })).toEqual(date('2018-02-13', 'day'));
    expect(parseDue('01/16/2018', { monthFirst: false })).toEqual(date('2018-01-16', 'day'));
  });

  it('bounds two-digit years to ten years after today when today is given', () => {
    expect(parseDue('Dec 31', { today: '2017-05-01' })).toEqual(UNPARSED); // not December 2031
    expect(parseDue('Dec 27', { today: '2017-05-01' })).toEqual(date('2027-12-31', 'month'));
    expect(parseDue('Jan-18', { today: '2026-01-01' })).toEqual(date('2018-01-31', 'month'));
    expect(parseDue('1/3/98')).toEqual(UNPARSED); // never 2098
    expect(parseDue('Jan-18', { today: 'not a date' })).toEqual(date('2018-01-31', 'month'));
  });
});

describe('using a reading', () => {
  it('a month-precision date is due at the end of the month', () => {
    const sept = parseDue('September 2020');
    expect(dueEnd(sept)).toBe('2020-09-30');
    expect(isOverdue(sept, '2020-09-30')).toBe(false);
    expect(isOverdue(sept, '2020-10-01')).toBe(true);
    // Robust to a hand-built date holding the first of the month.
    expect(dueEnd(date('2020-02-01', 'month'))).toBe('2020-02-29');
    expect(dueEnd(date('2020-02-01', 'year'))).toBe('2020-12-31');
    expect(dueEnd(date('2020-02-01', 'day'))).toBe('2020-02-01');
  });

  it('a range is due at its end', () => {
    const r = parseDue('May 2014 to March 2016');
    expect(dueEnd(r)).toBe('2016-03-31');
    expect(isOverdue(r, '2016-03-31')).toBe(false);
    expect(isOverdue(r, '2016-04-01')).toBe(true);
  });

  it('recurrences, ongoing and unparsed texts are never overdue nor due in a period', () => {
    for (const text of ['Quarterly (review March 2016)', 'Ongoing', 'From July 2014', 'In place', 'TBC']) {
      const p = parseDue(text);
      expect(dueEnd(p)).toBeNull();
      expect(isOverdue(p, '2099-01-01')).toBe(false);
      expect(isDueInPeriod(p, '1900-01-01', '2099-12-31')).toBe(false);
    }
  });

  it('due in period: the due end falls within the period, inclusive', () => {
    const p = parseDue('Jan-18');
    expect(isDueInPeriod(p, '2018-01-01', '2018-01-31')).toBe(true);
    expect(isDueInPeriod(p, '2018-01-31', '2018-03-31')).toBe(true);
    expect(isDueInPeriod(p, '2017-11-01', '2018-01-30')).toBe(false);
    expect(isDueInPeriod(parseDue('Q3 2020/21'), '2020-12-01', '2021-01-31')).toBe(true);
    expect(isDueInPeriod(parseDue('Q3 2020/21'), '2020-10-01', '2020-11-30')).toBe(false);
  });

  it('describes every kind in British English', () => {
    expect(describeDue(parseDue('2021'))).toBe('2021');
    expect(describeDue(parseDue('1 May 2014 to 31 March 2016'))).toBe('1 May 2014 to 31 March 2016');
    expect(describeDue({ kind: 'ongoing', label: 'from' })).toBe('ongoing');
    expect(describeDue({ kind: 'recurrence', every: 'termly', review: '2020-07-17' })).toBe(
      'termly (review 17 July 2020)',
    );
    expect(describeDue({ kind: 'unparsed' })).toBe('not a date');
  });
});

describe('formatLongDate / formatMonthYear', () => {
  it('writes British dates without a weekday or leading zero', () => {
    expect(formatLongDate('2018-02-13')).toBe('13 February 2018');
    expect(formatLongDate('2017-10-01')).toBe('1 October 2017');
    expect(formatMonthYear('2018-02-13')).toBe('February 2018');
  });

  it('refuses anything that is not a real ISO date', () => {
    expect(() => formatLongDate('2018-02-30')).toThrow(RangeError);
    expect(() => formatLongDate('13/02/2018')).toThrow(RangeError);
    expect(() => formatMonthYear('2018-13-01')).toThrow(RangeError);
    expect(isValidIsoDate('2020-02-29')).toBe(true);
    expect(isValidIsoDate('2019-02-29')).toBe(false);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const MONTHS = [
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
];
const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

const dayArb = fc
  .record({
    y: fc.integer({ min: 2000, max: 2040 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ y, m, d }) => d <= lastDay(y, m));

const TOKENS = [
  'may',
  'sept',
  'sep',
  'jan',
  'october',
  'march',
  'dec',
  'feb',
  '2014',
  '2016',
  '2020',
  '20',
  '21',
  '18',
  '31',
  '29',
  '13',
  '01',
  '02',
  '16',
  '1st',
  '31st',
  'of',
  'to',
  '-',
  '–',
  '/',
  '.',
  ',',
  ';',
  '(',
  ')',
  '\n',
  'q3',
  'q5',
  'fy',
  'from',
  'onwards',
  'ongoing',
  'in place',
  'quarterly',
  'annual',
  'review',
  'end',
  'by',
  'between',
  'and',
  'tbc',
  'monday',
  'tuesday',
  "'",
  ' ',
  '  ',
  '0',
  '99',
  '2011-12',
  '2020/21',
];

function assertValidReading(p: DueParsed): void {
  switch (p.kind) {
    case 'date':
      expect(isValidIsoDate(p.date)).toBe(true);
      expect(dueEnd(p)).toBe(p.date); // the stored date is already the end of its period
      break;
    case 'range':
      expect(isValidIsoDate(p.start)).toBe(true);
      expect(isValidIsoDate(p.end)).toBe(true);
      expect(p.start <= p.end).toBe(true);
      break;
    case 'recurrence':
    case 'ongoing':
      for (const v of [p.from, p.kind === 'recurrence' ? p.review : undefined])
        if (v !== undefined) expect(isValidIsoDate(v)).toBe(true);
      break;
    case 'unparsed':
      break;
  }
  expect(typeof describeDue(p)).toBe('string');
}

describe('properties', () => {
  it('never throws and never returns an invalid ISO date, on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.boolean(), (text, monthFirst) => {
        assertValidReading(parseDue(text, { monthFirst }));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => assertValidReading(parseDue(text))),
    );
  });

  it('never throws and never returns an invalid ISO date, on date-like token soup', () => {
    const soup = fc
      .tuple(fc.array(fc.constantFrom(...TOKENS), { maxLength: 7 }), fc.constantFrom(' ', ''))
      .map(([tokens, sep]) => tokens.join(sep));
    fc.assert(
      fc.property(soup, fc.boolean(), (text, monthFirst) =>
        assertValidReading(parseDue(text, { monthFirst, today: '2020-06-01' })),
      ),
      { numRuns: 5000 },
    );
  });

  it('reads back every way of writing a real day', () => {
    fc.assert(
      fc.property(dayArb, ({ y, m, d }) => {
        const expected = date(`${y}-${pad(m)}-${pad(d)}`, 'day');
        const name = MONTHS[m - 1] ?? '';
        for (const text of [
          `${d} ${name} ${y}`,
          `${name} ${d}, ${y}`,
          `${y}-${pad(m)}-${pad(d)}`,
          `End of ${d} ${name.slice(0, 3)} ${y}`,
        ]) {
          expect(parseDue(text)).toEqual(expected);
        }
        expect(parseDue(`${pad(d)}/${pad(m)}/${y}`)).toEqual(expected);
        expect(parseDue(`${pad(m)}/${pad(d)}/${y}`, { monthFirst: true })).toEqual(expected);
        expect(describeDue(expected)).toBe(`${d} ${name} ${y}`);
      }),
    );
  });

  it('reads back a month as due on its last day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const name = MONTHS[m - 1] ?? '';
        const expected = date(`${y}-${pad(m)}-${pad(lastDay(y, m))}`, 'month');
        expect(parseDue(`${name} ${y}`)).toEqual(expected);
        expect(parseDue(`${name.slice(0, 3)}-${String(y).slice(2)}`)).toEqual(expected);
        expect(describeDue(expected)).toBe(`${name} ${y}`);
      }),
    );
  });

  it('a day above 12 settles d/m versus m/d whatever the default', () => {
    fc.assert(
      fc.property(
        dayArb.filter(({ d }) => d > 12),
        fc.boolean(),
        ({ y, m, d }, monthFirst) => {
          const expected = date(`${y}-${pad(m)}-${pad(d)}`, 'day');
          expect(parseDue(`${d}/${m}/${y}`, { monthFirst })).toEqual(expected);
          expect(parseDue(`${m}/${d}/${y}`, { monthFirst })).toEqual(expected);
        },
      ),
    );
  });

  it('several dates in one cell read as the latest, in any order', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 2, maxLength: 4 }), fc.constantFrom('\n', ' / ', '; '), (days, sep) => {
        const isos = days.map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
        const text = days.map(({ y, m, d }) => `${d} ${MONTHS[m - 1]} ${y}`).join(sep);
        expect(parseDue(text)).toEqual(date([...isos].sort().at(-1) ?? '', 'day'));
      }),
    );
  });

  it('overdue is monotonic in today', () => {
    fc.assert(
      fc.property(dayArb, dayArb, dayArb, (due, a, b) => {
        const p = parseDue(`${due.d} ${MONTHS[due.m - 1]} ${due.y}`);
        const [t1, t2] = [a, b].map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`).sort() as [string, string];
        if (isOverdue(p, t1)) expect(isOverdue(p, t2)).toBe(true);
      }),
    );
  });
});

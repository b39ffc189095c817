/** Due-date cells found in review: slipped dates written "(revised from ...)" read as the latest date. */
import { describe, expect, it } from 'vitest';
import { parseDue } from '../../shared/dates';

describe('parseDue: revised dates', () => {
  it.each([
    ['June 2020 (revised from March 2020)', { kind: 'date', date: '2020-06-30', precision: 'month' }],
    ['September 2020 (extended from June 2020)', { kind: 'date', date: '2020-09-30', precision: 'month' }],
    ['30/09/2020 (moved from 30/06/2020)', { kind: 'date', date: '2020-09-30', precision: 'day' }],
  ])('%j reads as the latest date', (text, expected) => {
    expect(parseDue(text)).toEqual(expected);
  });

  it('never guesses the year of a revised date written without one', () => {
    expect(parseDue('30th June 2020 (revised from 31st March)')).toEqual({ kind: 'unparsed' });
  });
});

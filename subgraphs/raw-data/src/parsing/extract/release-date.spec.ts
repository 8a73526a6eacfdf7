import type { ReleaseDate } from '@mrt/events';
import { describe, expect, it } from 'vitest';
import { parseReleaseDate, toIsoTimestamp } from './release-date.js';

const day = (date: string, text: string): ReleaseDate => ({ date, precision: 'DAY', text });
const month = (date: string, text: string): ReleaseDate => ({ date, precision: 'MONTH', text });
const year = (date: string, text: string): ReleaseDate => ({ date, precision: 'YEAR', text });
const estimate = (text: string): ReleaseDate => ({ date: null, precision: 'ESTIMATE', text });

describe('parseReleaseDate', () => {
  const cases: [string, ReleaseDate][] = [
    ['2027-03-14', day('2027-03-14', '2027-03-14')],
    ['2027-03-14T00:00:00+01:00', day('2027-03-14', '2027-03-14T00:00:00+01:00')],
    ['14.03.2027', day('2027-03-14', '14.03.2027')],
    ['14/03/2027', day('2027-03-14', '14/03/2027')],
    ['03/14/2027', day('2027-03-14', '03/14/2027')],
    ['14.03.27', day('2027-03-14', '14.03.27')],
    ['March 14th, 2027', day('2027-03-14', 'March 14th, 2027')],
    ['Mar 14 2027', day('2027-03-14', 'Mar 14 2027')],
    ['14 March 2027', day('2027-03-14', '14 March 2027')],
    ['14th of March 2027', day('2027-03-14', '14th of March 2027')],
    ['14. März 2027', day('2027-03-14', '14. März 2027')],
    ['14 mars 2027', day('2027-03-14', '14 mars 2027')],
    ['14 marca 2027', day('2027-03-14', '14 marca 2027')],
    ['14 de março de 2027', day('2027-03-14', '14 de março de 2027')],
    ['14 marzo 2027', day('2027-03-14', '14 marzo 2027')],
    ['Tue, 14 Mar 2027 10:00:00 +0000', day('2027-03-14', 'Tue, 14 Mar 2027 10:00:00 +0000')],
    ['February 29th, 2028', day('2028-02-29', 'February 29th, 2028')],
    ['March 2027', month('2027-03-01', 'March 2027')],
    ['März 2027', month('2027-03-01', 'März 2027')],
    ['październik 2027', month('2027-10-01', 'październik 2027')],
    ['2027-03', month('2027-03-01', '2027-03')],
    ['03/2027', month('2027-03-01', '03/2027')],
    ['2027', year('2027-01-01', '2027')],
    ['Summer 2027', estimate('Summer 2027')],
    ['Q2 2027', estimate('Q2 2027')],
    ['Early 2027', estimate('Early 2027')],
    ['Herbst 2027', estimate('Herbst 2027')],
    ['TBA', estimate('TBA')],
    ['tbc', estimate('tbc')],
  ];

  it.each(cases)('%s', (text, expected) => {
    expect(parseReleaseDate(text)).toEqual(expected);
  });

  it('keeps only the month of a day that does not exist', () => {
    expect(parseReleaseDate('February 29th, 2027')).toEqual(month('2027-02-01', 'February 29th, 2027'));
    expect(parseReleaseDate('31.04.2027')).toEqual(month('2027-04-01', '31.04.2027'));
    expect(parseReleaseDate('2027-13-01')).toEqual(year('2027-01-01', '2027-13-01'));
  });

  it('reads month-first numeric dates when asked', () => {
    expect(parseReleaseDate('03/04/2027', { dayFirst: false })).toEqual(day('2027-03-04', '03/04/2027'));
    expect(parseReleaseDate('03/04/2027')).toEqual(day('2027-04-03', '03/04/2027'));
  });

  it('returns null for text that names no date', () => {
    expect(parseReleaseDate('whenever')).toBeNull();
    expect(parseReleaseDate('')).toBeNull();
    expect(parseReleaseDate(null)).toBeNull();
  });
});

describe('toIsoTimestamp', () => {
  it('reads RFC 822 and ISO dates, zoneless ones as UTC', () => {
    expect(toIsoTimestamp('Tue, 20 Feb 2024 09:00:00 +0100')).toBe('2024-02-20T08:00:00.000Z');
    expect(toIsoTimestamp('2024-02-01 10:20:11')).toBe('2024-02-01T10:20:11.000Z');
    expect(toIsoTimestamp('2024-05-03T00:00:00Z')).toBe('2024-05-03T00:00:00.000Z');
    expect(toIsoTimestamp('nonsense')).toBeNull();
  });

  it('reads one day from the ways shops write it, keeping each shop text', () => {
    const texts = ['2027-03-14', '14. März 2027', '14 mars 2027', 'March 14th, 2027', '14.03.2027', '14 marca 2027', '14 de março de 2027'];
    expect(texts.map((text) => parseReleaseDate(text))).toEqual(texts.map((text) => ({ date: '2027-03-14', precision: 'DAY', text })));
  });
});

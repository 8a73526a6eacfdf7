import { describe, expect, it } from 'vitest';
import { formatClock, formatReleaseDate, groupByMonth } from './calendar';

describe('formatReleaseDate', () => {
  it('shows a parsed date the same way whatever the shop wrote', () => {
    const shops = ['2027-03-14', '14. März 2027', '14 mars 2027', 'March 14th, 2027', '14.03.2027'];
    const shown = shops.map((text) => formatReleaseDate({ releaseDate: '2027-03-14', releaseDatePrecision: 'DAY', releaseDateText: text }));
    expect(new Set(shown)).toEqual(new Set(['14 Mar 2027']));
  });

  it('keeps the precision the shop gave: no invented day for a month, no month for a year', () => {
    expect(formatReleaseDate({ releaseDate: '2027-03-01', releaseDatePrecision: 'MONTH', releaseDateText: 'März 2027' })).toBe('March 2027');
    expect(formatReleaseDate({ releaseDate: '2027-01-01', releaseDatePrecision: 'YEAR', releaseDateText: '2027' })).toBe('2027');
    expect(formatReleaseDate({ releaseDate: '2027-03-01', releaseDatePrecision: 'MONTH', releaseDateText: 'mars 2027' }, 'fr-FR')).toBe('mars 2027');
  });

  it("shows the shop's words only when there is no date to show", () => {
    expect(formatReleaseDate({ releaseDate: null, releaseDatePrecision: 'ESTIMATE', releaseDateText: 'Sommer 2027' })).toBe('Sommer 2027');
    expect(formatReleaseDate({ releaseDate: null, releaseDatePrecision: null, releaseDateText: null })).toBe('date unknown');
    expect(formatReleaseDate({ releaseDate: null, releaseDatePrecision: null, releaseDateText: '  ' }, 'en-GB', '')).toBe('');
  });

  it('groups by month with the same localised month names', () => {
    const months = groupByMonth([
      { id: 'a', releaseDate: '2027-03-14', releaseDatePrecision: 'DAY', releaseDateText: '14. März 2027' },
      { id: 'b', releaseDate: '2027-03-01', releaseDatePrecision: 'MONTH', releaseDateText: 'mars 2027' },
    ]);
    expect(months.map((m) => [m.label, m.releases.map((r) => formatReleaseDate(r))])).toEqual([['March 2027', ['March 2027', '14 Mar 2027']]]);
  });
});

describe('formatClock', () => {
  it('gives the time of day alone, on a 24-hour clock in the browser zone', () => {
    const iso = '2026-01-02T18:05:00Z';
    const local = new Date(iso);
    expect(formatClock(iso)).toBe(`${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`);
    expect(formatClock(null)).toBe('');
  });
});

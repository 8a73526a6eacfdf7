import { describe, expect, it } from 'vitest';
import { clockTimeOf, isQuietAt, minuteOfDayOf, quietHoursEnd } from './quiet-hours.js';

const night = { timeZone: 'Europe/Berlin', startMinute: 22 * 60, endMinute: 7 * 60 };

describe('quiet hours', () => {
  it('reads and writes HH:MM, refusing anything else', () => {
    expect(minuteOfDayOf('07:30')).toBe(450);
    expect(minuteOfDayOf('23:59')).toBe(1439);
    expect(minuteOfDayOf('24:00')).toBeNull();
    expect(minuteOfDayOf('7:30')).toBeNull();
    expect(clockTimeOf(450)).toBe('07:30');
  });

  it('spans midnight when it starts later than it ends', () => {
    expect(isQuietAt(23 * 60, night)).toBe(true);
    expect(isQuietAt(3 * 60, night)).toBe(true);
    expect(isQuietAt(7 * 60, night)).toBe(false);
    expect(isQuietAt(12 * 60, night)).toBe(false);
    expect(isQuietAt(13 * 60, { startMinute: 12 * 60, endMinute: 14 * 60 })).toBe(true);
    expect(isQuietAt(15 * 60, { startMinute: 12 * 60, endMinute: 14 * 60 })).toBe(false);
  });

  it('ends at the next local end time: tomorrow before midnight, today after it', () => {
    // 23:00 Berlin (winter) on 9 January: quiet until 07:00 on the 10th.
    expect(quietHoursEnd(new Date('2026-01-09T22:00:00Z'), night)?.toISOString()).toBe('2026-01-10T06:00:00.000Z');
    // 03:00 Berlin on the 10th: the same end.
    expect(quietHoursEnd(new Date('2026-01-10T02:00:00Z'), night)?.toISOString()).toBe('2026-01-10T06:00:00.000Z');
    expect(quietHoursEnd(new Date('2026-01-10T11:00:00Z'), night)).toBeNull();
  });

  it('ends at the local end time on a night the clocks change', () => {
    // The night of 28/29 March 2026 is an hour shorter in Berlin: 07:00 CEST is 05:00Z.
    expect(quietHoursEnd(new Date('2026-03-28T22:00:00Z'), night)?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });
});

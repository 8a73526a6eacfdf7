import { describe, expect, it } from 'vitest';
import { isTimeZone, localTimeOf, zonedInstant } from './zoned-time.js';

describe('zoned time', () => {
  it('knows IANA zone names and refuses anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it("reads an instant on a zone's wall clock", () => {
    expect(localTimeOf(new Date('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, month: 7, day: 2, minuteOfDay: 30, weekday: 4 });
    expect(localTimeOf(new Date('2026-01-01T03:00:00Z'), 'America/New_York')).toEqual({ year: 2025, month: 12, day: 31, minuteOfDay: 22 * 60, weekday: 3 });
  });

  it('finds the instant of a wall time, moving a skipped one past the gap and taking the first of a repeated one', () => {
    expect(zonedInstant({ year: 2026, month: 1, day: 10 }, 8 * 60, 'Europe/Berlin').toISOString()).toBe('2026-01-10T07:00:00.000Z');
    expect(zonedInstant({ year: 2026, month: 7, day: 10 }, 8 * 60, 'Europe/Berlin').toISOString()).toBe('2026-07-10T06:00:00.000Z');
    // 29 March 2026: Berlin's clocks jump from 02:00 to 03:00.
    expect(zonedInstant({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026: 02:30 happens twice (CEST, then CET).
    expect(zonedInstant({ year: 2026, month: 10, day: 25 }, 2 * 60 + 30, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

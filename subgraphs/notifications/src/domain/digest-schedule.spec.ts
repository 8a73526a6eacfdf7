import { describe, expect, it } from 'vitest';
import { nextDigestAt } from './digest-schedule.js';

const daily = (timeZone: string, hour = 8) => ({ frequency: 'DAILY' as const, timeZone, hour, weekday: 'MONDAY' as const });
const at = (iso: string) => new Date(iso);

describe('next digest time', () => {
  it("is today's local hour when it is still ahead, else tomorrow's", () => {
    expect(nextDigestAt(at('2026-01-10T06:59:00Z'), daily('Europe/Berlin')).toISOString()).toBe('2026-01-10T07:00:00.000Z');
    expect(nextDigestAt(at('2026-01-10T07:00:00Z'), daily('Europe/Berlin')).toISOString()).toBe('2026-01-11T07:00:00.000Z');
    // 23:00 in New York is the next UTC day already; its 08:00 is still New York's.
    expect(nextDigestAt(at('2026-01-11T04:00:00Z'), daily('America/New_York')).toISOString()).toBe('2026-01-11T13:00:00.000Z');
  });

  it('keeps the local hour across DST changes (the UTC hour moves)', () => {
    // Berlin goes to summer time on 29 March 2026: 08:00 is 07:00Z before, 06:00Z after.
    expect(nextDigestAt(at('2026-03-28T12:00:00Z'), daily('Europe/Berlin')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(nextDigestAt(at('2026-10-24T12:00:00Z'), daily('Europe/Berlin')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    // New York changes on 8 March 2026.
    expect(nextDigestAt(at('2026-03-07T20:00:00Z'), daily('America/New_York')).toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });

  it('moves an hour the spring change skips to just after the gap, and sends a repeated hour once', () => {
    expect(nextDigestAt(at('2026-03-28T12:00:00Z'), daily('Europe/Berlin', 2)).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    const first = nextDigestAt(at('2026-10-24T12:00:00Z'), daily('Europe/Berlin', 2));
    expect(first.toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(nextDigestAt(first, daily('Europe/Berlin', 2)).toISOString()).toBe('2026-10-26T01:00:00.000Z');
  });

  it('goes out weekly on the chosen weekday, a week later once that hour has passed', () => {
    const weekly = { frequency: 'WEEKLY' as const, timeZone: 'Europe/Berlin', hour: 8, weekday: 'FRIDAY' as const };
    // Wednesday 2 December 2026.
    expect(nextDigestAt(at('2026-12-02T10:00:00Z'), weekly).toISOString()).toBe('2026-12-04T07:00:00.000Z');
    expect(nextDigestAt(at('2026-12-04T07:00:00Z'), weekly).toISOString()).toBe('2026-12-11T07:00:00.000Z');
    expect(nextDigestAt(at('2026-12-04T06:00:00Z'), weekly).toISOString()).toBe('2026-12-04T07:00:00.000Z');
  });
});

import { addDays, localTimeOf, weekdayOf, zonedInstant } from './zoned-time.js';

export const DIGEST_FREQUENCIES = ['INSTANT', 'DAILY', 'WEEKLY'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** Sunday first, as Date#getUTCDay counts, so a weekday's index is its day number. */
export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface DigestSchedule {
  frequency: 'DAILY' | 'WEEKLY';
  timeZone: string;
  /** The local hour it goes out, 0..23. */
  hour: number;
  /** WEEKLY only: the day it goes out. */
  weekday: Weekday;
}

/**
 * When the digest collecting something that happens at `now` goes out: the next time, strictly
 * after `now`, the fan's clock shows the hour (on the chosen weekday for WEEKLY). On a day whose
 * DST change skips that hour it goes out at the same wall time after the gap.
 */
export function nextDigestAt(now: Date, schedule: DigestSchedule): Date {
  const today = localTimeOf(now, schedule.timeZone);
  for (let days = 0; days <= 8; days++) {
    const date = addDays(today, days);
    if (schedule.frequency === 'WEEKLY' && WEEKDAYS[weekdayOf(date)] !== schedule.weekday) continue;
    const at = zonedInstant(date, schedule.hour * 60, schedule.timeZone);
    if (at.getTime() > now.getTime()) return at;
  }
  throw new Error(`no digest time found after ${now.toISOString()}`);
}

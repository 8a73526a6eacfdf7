import { addDays, localTimeOf, zonedInstant } from './zoned-time.js';

/** A fan's nightly pause, in minutes of their local day; start > end spans midnight (22:00-07:00). */
export interface QuietHours {
  timeZone: string;
  startMinute: number;
  endMinute: number;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "07:30" as 450; null when it is no 24-hour HH:MM time. */
export function minuteOfDayOf(clockTime: string): number | null {
  const match = CLOCK_TIME.exec(clockTime);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function clockTimeOf(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

export function isQuietAt(minuteOfDay: number, window: Pick<QuietHours, 'startMinute' | 'endMinute'>): boolean {
  const { startMinute: start, endMinute: end } = window;
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/** When the quiet window `now` falls in ends; null when `now` is not quiet. */
export function quietHoursEnd(now: Date, window: QuietHours): Date | null {
  const local = localTimeOf(now, window.timeZone);
  if (!isQuietAt(local.minuteOfDay, window)) return null;
  // Past midnight the window ends today; before it, tomorrow.
  const endsToday = window.startMinute < window.endMinute || local.minuteOfDay < window.endMinute;
  const end = zonedInstant(endsToday ? local : addDays(local, 1), window.endMinute, window.timeZone);
  return end.getTime() > now.getTime() ? end : null;
}

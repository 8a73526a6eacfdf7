/** A calendar date in some time zone (month 1..12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** 0 = Sunday ... 6 = Saturday, as Date#getUTCDay counts. */
export interface LocalTime extends LocalDate {
  minuteOfDay: number;
  weekday: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** An IANA zone name the runtime knows ("Europe/Berlin", "UTC"); Intl is the judge. */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    formatterOf(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock at `instant` in `timeZone`, as milliseconds of a UTC date with the same fields. */
function wallClockMs(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(instant))) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
}

export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const wall = new Date(wallClockMs(instant.getTime(), timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    minuteOfDay: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
    weekday: wall.getUTCDay(),
  };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/**
 * The instant a wall clock in `timeZone` shows `minuteOfDay` on `date`. Across a DST change it
 * answers as calendars do: a time skipped by the spring change moves forward by the gap
 * (02:30 becomes 03:30), a time the autumn change shows twice is its first occurrence.
 */
export function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // The zone's offsets a day before and after: at most one change lies between them.
  const offsets = [wall - DAY_MS, wall + DAY_MS].map((at) => wallClockMs(at, timeZone) - at);
  const matches = offsets.map((offset) => wall - offset).filter((instant) => wallClockMs(instant, timeZone) === wall);
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(wall - Math.min(...offsets));
}

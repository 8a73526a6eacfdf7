export interface DatedRelease {
  id: string;
  releaseDate?: string | null;
  releaseDatePrecision?: string | null;
  releaseDateText?: string | null;
}

/**
 * The one way every view shows a release date: a parsed date in the app's locale at the
 * precision the shop gave (day, month or year: nobody invents a day for "März 2027"), and the
 * shop's own words only when there is no date to show ("Summer 2027", "TBA").
 */
export function formatReleaseDate(release: Omit<DatedRelease, 'id'>, locale = 'en-GB', unknown = 'date unknown'): string {
  const { releaseDate, releaseDatePrecision, releaseDateText } = release;
  const date = releaseDate ? new Date(releaseDate.length === 10 ? `${releaseDate}T00:00:00Z` : releaseDate) : null;
  if (date === null || Number.isNaN(date.getTime()) || releaseDatePrecision === 'ESTIMATE') return releaseDateText?.trim() || unknown;
  const shown: Intl.DateTimeFormatOptions =
    releaseDatePrecision === 'YEAR'
      ? { year: 'numeric' }
      : releaseDatePrecision === 'MONTH'
        ? { month: 'long', year: 'numeric' }
        : { day: 'numeric', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(locale, { ...shown, timeZone: 'UTC' }).format(date);
}

export interface CalendarMonth<T> {
  /** "2026-11" */
  key: string;
  /** "November 2026" */
  label: string;
  releases: T[];
}

/** Groups upcoming releases by month, in date order; undated ones go last under "Date unknown". */
export function groupByMonth<T extends DatedRelease>(releases: readonly T[], locale = 'en-GB'): CalendarMonth<T>[] {
  const months = new Map<string, CalendarMonth<T>>();
  const sorted = [...releases].sort((a, b) => (a.releaseDate ?? '9999').localeCompare(b.releaseDate ?? '9999'));
  for (const release of sorted) {
    const key = release.releaseDate?.slice(0, 7) ?? 'unknown';
    let month = months.get(key);
    if (!month) {
      const label =
        key === 'unknown'
          ? 'Date unknown'
          : new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${key}-01T00:00:00Z`));
      month = { key, label, releases: [] };
      months.set(key, month);
    }
    month.releases.push(release);
  }
  return [...months.values()];
}

export function formatDate(iso: string | null | undefined, locale = 'en-GB'): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The time of day alone, "07:00": for times within the next day, like the end of quiet hours. */
export function formatClock(iso: string | null | undefined, locale = 'en-GB'): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

export function formatDateTime(iso: string | null | undefined, locale = 'en-GB'): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

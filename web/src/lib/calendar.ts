export interface DatedRelease {
  id: string;
  releaseDate?: string | null;
  releaseDateText?: string | null;
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

export function formatDateTime(iso: string | null | undefined, locale = 'en-GB'): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

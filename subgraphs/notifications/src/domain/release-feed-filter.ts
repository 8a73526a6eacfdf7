/** What a releaseFeed subscriber asked for: every given list must match, any value within a list. */
export interface ReleaseFeedFilterRule {
  bandIds?: readonly string[] | null;
  genreIds?: readonly string[] | null;
  formats?: readonly string[] | null;
  kinds?: readonly string[] | null;
}

/** The facts of one feed item a filter tests. */
export interface ReleaseFeedFacts {
  kind: string;
  bandIds: readonly string[];
  genreIds: readonly string[];
  format: string | null;
}

/**
 * Whether a feed item is news for a subscriber's filter. Absent or empty lists match everything;
 * a format list leaves out announcements, which have no format.
 */
export function releaseFeedMatches(filter: ReleaseFeedFilterRule | null | undefined, item: ReleaseFeedFacts): boolean {
  if (!filter) return true;
  if (filter.kinds?.length && !filter.kinds.includes(item.kind)) return false;
  if (filter.bandIds?.length && !item.bandIds.some((id) => filter.bandIds!.includes(id))) return false;
  if (filter.genreIds?.length && !item.genreIds.some((id) => filter.genreIds!.includes(id))) return false;
  if (filter.formats?.length && (!item.format || !filter.formats.includes(item.format))) return false;
  return true;
}

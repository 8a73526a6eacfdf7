/** What a page held when last fetched, with the validators to ask whether it changed. */
export interface CachedPage {
  etag: string | null;
  lastModified: string | null;
  externalIds: string[];
  links: string[];
  nextPage: string | null;
}

/**
 * What a crawl needs of the page cache (the fetched_page store); a preview passes one that
 * remembers nothing. Conditional GET needs more than the validators: a 304 has no body, so the
 * run must still know which listings the page holds (they count as seen) and where it leads.
 */
export interface PageCacheReader {
  get(sourceId: string, url: string): Promise<CachedPage | null>;
  /** A page whose listings were not all stored must not answer 304 next time and hide them. */
  forget(sourceId: string, url: string): Promise<void>;
}

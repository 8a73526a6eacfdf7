import type { ParsedAnnouncement, ParsedListing, ParseIssue, ParseResult, SkippedItem } from '../../types.js';

/**
 * Collects what one parse produced. Listings and announcements are de-duplicated by externalId
 * (a listing page can show the same product in an ItemList and again in a carousel): the first
 * one wins and the repeat is recorded as a skip, never silently dropped.
 */
export class ParseResultBuilder {
  private readonly listings = new Map<string, ParsedListing>();
  private readonly announcements = new Map<string, ParsedAnnouncement>();
  private readonly links = new Set<string>();
  private readonly skipped: SkippedItem[] = [];
  private readonly errors: ParseIssue[] = [];
  private nextPage: string | null = null;

  constructor(private readonly documentUrl: string) {}

  addListing(listing: ParsedListing): void {
    if (this.listings.has(listing.externalId)) {
      this.skip({ externalId: listing.externalId, url: listing.url, reason: 'duplicate: already listed on this page' });
      return;
    }
    this.listings.set(listing.externalId, listing);
  }

  addAnnouncement(announcement: ParsedAnnouncement): void {
    if (this.announcements.has(announcement.externalId)) {
      this.skip({ externalId: announcement.externalId, url: announcement.url, reason: 'duplicate: already announced in this document' });
      return;
    }
    this.announcements.set(announcement.externalId, announcement);
  }

  addLink(url: string | null): void {
    if (url !== null && url !== this.documentUrl) this.links.add(url);
  }

  setNextPage(url: string | null): void {
    if (url !== null && url !== this.documentUrl) this.nextPage = url;
  }

  skip(item: SkippedItem): void {
    this.skipped.push(item);
  }

  error(message: string, detail?: string): void {
    this.errors.push(detail === undefined ? { message } : { message, detail });
  }

  /** True once anything usable was found; parsers report "nothing found" otherwise. */
  get foundAnything(): boolean {
    return this.listings.size + this.announcements.size + this.links.size + this.skipped.length > 0;
  }

  build(): ParseResult {
    return {
      listings: [...this.listings.values()],
      announcements: [...this.announcements.values()],
      links: [...this.links],
      nextPage: this.nextPage,
      skipped: [...this.skipped],
      errors: [...this.errors],
    };
  }
}

export function emptyResult(errors: ParseIssue[] = []): ParseResult {
  return { listings: [], announcements: [], links: [], nextPage: null, skipped: [], errors };
}

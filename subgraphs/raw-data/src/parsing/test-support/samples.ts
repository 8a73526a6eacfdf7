import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES_DIR, readSample, sampleContentType, type SampleSource } from '../../samples/sample-sources.js';
import { entryUrl } from '../entry-url.js';
import { parseDocument } from '../parse-document.js';
import type { FetchedDocument, ParsedAnnouncement, ParsedListing, ParseIssue, ParseResult, SkippedItem } from '../types.js';

/**
 * Test support: reads the sample files under subgraphs/raw-data/samples and crawls a sample source
 * the way the fetch stage will (links and next pages, no network), served from a fake origin.
 */

export { SAMPLES_DIR, loadSampleSources, readSample, readSampleJson, type SampleSource } from '../../samples/sample-sources.js';

export const SAMPLE_ORIGIN = 'https://samples.test/';

/** A sample file as a fetched document: raw bytes, the content type its extension implies. */
export function sampleDocument(path: string, options: unknown, url = `${SAMPLE_ORIGIN}${path}`): FetchedDocument {
  return { body: readSample(path), url, contentType: sampleContentType(path), options };
}

export interface CrawlResult {
  fetched: string[];
  missing: string[];
  pages: ParseResult[];
  listings: ParsedListing[];
  announcements: ParsedAnnouncement[];
  skipped: SkippedItem[];
  errors: ParseIssue[];
}

/**
 * Follows a source's links and next pages inside the samples. Later pages overwrite earlier
 * listings with the same externalId, as the storage stage will (product page after tile).
 */
export function crawlSampleSource(source: SampleSource, maxFetches = 60, origin = SAMPLE_ORIGIN): CrawlResult {
  const queue = [entryUrl(source.kind, `${origin}${source.url}`)];
  const seen = new Set<string>(queue);
  const result: CrawlResult = { fetched: [], missing: [], pages: [], listings: [], announcements: [], skipped: [], errors: [] };
  const listings = new Map<string, ParsedListing>();
  const announcements = new Map<string, ParsedAnnouncement>();
  while (queue.length > 0 && result.fetched.length < maxFetches) {
    const url = queue.shift() ?? '';
    const relative = url.slice(origin.length);
    const path = source.sampleFiles?.[relative] ?? relative.replace(/[?#].*$/, '');
    if (!existsSync(join(SAMPLES_DIR, path))) {
      result.missing.push(relative);
      continue;
    }
    result.fetched.push(relative);
    const page = parseDocument(source.kind, sampleDocument(path, source.options, url));
    result.pages.push(page);
    page.listings.forEach((listing) => listings.set(listing.externalId, listing));
    page.announcements.forEach((announcement) => announcements.set(announcement.externalId, announcement));
    result.skipped.push(...page.skipped);
    result.errors.push(...page.errors);
    for (const next of [...page.links, ...(page.nextPage ? [page.nextPage] : [])]) {
      if (next.startsWith(origin) && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  result.listings = [...listings.values()];
  result.announcements = [...announcements.values()];
  return result;
}

import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceKind } from '@mrt/events';
import { parseDocument } from '../parse-document.js';
import type { FetchedDocument, ParsedAnnouncement, ParsedListing, ParseIssue, ParseResult, SkippedItem } from '../types.js';

/**
 * Test support: reads the sample files under subgraphs/raw-data/samples and crawls a sample source
 * the way the fetch stage will (links and next pages, no network), served from a fake origin.
 */

export const SAMPLES_DIR = fileURLToPath(new URL('../../../samples/', import.meta.url));
export const SAMPLE_ORIGIN = 'https://samples.test/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.json': 'application/json; charset=utf-8',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.xml': 'application/xml',
};

export function readSample(path: string): Buffer {
  return readFileSync(join(SAMPLES_DIR, path));
}

export function readSampleJson<T = unknown>(path: string): T {
  return JSON.parse(readSample(path).toString('utf8')) as T;
}

/** A sample file as a fetched document: raw bytes, the content type its extension implies. */
export function sampleDocument(path: string, options: unknown, url = `${SAMPLE_ORIGIN}${path}`): FetchedDocument {
  return { body: readSample(path), url, contentType: CONTENT_TYPES[extname(path)] ?? null, options };
}

export interface SampleSource {
  name: string;
  kind: SourceKind;
  country: string | null;
  currency: string | null;
  url: string;
  options: unknown;
  sampleFiles?: Record<string, string>;
}

export function loadSampleSources(): SampleSource[] {
  return readSampleJson<{ sources: SampleSource[] }>('sources.json').sources;
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
export function crawlSampleSource(source: SampleSource, maxFetches = 60): CrawlResult {
  const queue = [`${SAMPLE_ORIGIN}${source.url}`];
  const seen = new Set<string>(queue);
  const result: CrawlResult = { fetched: [], missing: [], pages: [], listings: [], announcements: [], skipped: [], errors: [] };
  const listings = new Map<string, ParsedListing>();
  const announcements = new Map<string, ParsedAnnouncement>();
  while (queue.length > 0 && result.fetched.length < maxFetches) {
    const url = queue.shift() ?? '';
    const relative = url.slice(SAMPLE_ORIGIN.length);
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
      if (next.startsWith(SAMPLE_ORIGIN) && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  result.listings = [...listings.values()];
  result.announcements = [...announcements.values()];
  return result;
}

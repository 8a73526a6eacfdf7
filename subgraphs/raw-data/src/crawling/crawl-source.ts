import type { SourceKind } from '@mrt/events';
import type { PoliteFetcher } from '../fetching/index.js';
import type { CapturedItem } from '../capture/captured-item.js';
import { entryUrl } from '../parsing/index.js';
import type { CachedPage, PageCacheReader } from './page-cache.js';
import { inlinePageReader, type PageReader, type PageReading } from './read-page.js';
import type { RunIssue } from './run-issue.js';

export interface CrawlTarget {
  id: string;
  kind: SourceKind;
  url: string;
  options: unknown;
}

export interface CrawlResult {
  /** Later pages win over earlier ones for the same externalId (a product page after its tile). */
  items: Map<string, CapturedItem>;
  /** Listings on pages that answered 304: unchanged, still there. */
  notModifiedIds: Set<string>;
  pagesFetched: number;
  pagesNotModified: number;
  errors: RunIssue[];
  skipped: RunIssue[];
  /** Every page was read: only then may missing listings be taken as withdrawn. */
  complete: boolean;
  /** Validators to remember once the items are safely stored. */
  pageCacheWrites: { url: string; page: CachedPage }[];
}

export interface CrawlHooks {
  /** After each page, e.g. to show progress and prove the run is alive. */
  onPage?(progress: { pagesFetched: number; pagesNotModified: number }): Promise<void>;
  /** Checked before each page so a shutdown stops a crawl between pages. */
  shouldStop?(): boolean;
  /** Where pages are parsed and captured: on worker threads in a service, inline by default. */
  reader?: PageReader;
}

/**
 * Reads a source from its entry URL through every next page and product link, politely and never
 * throwing: each failure becomes a RunIssue, and any failure makes the crawl incomplete.
 */
export async function crawlSource(
  target: CrawlTarget,
  fetcher: PoliteFetcher,
  pageCache: PageCacheReader,
  hooks: CrawlHooks = {},
): Promise<CrawlResult> {
  const result: CrawlResult = {
    items: new Map(),
    notModifiedIds: new Set(),
    pagesFetched: 0,
    pagesNotModified: 0,
    errors: [],
    skipped: [],
    complete: true,
    pageCacheWrites: [],
  };
  const start = entryUrl(target.kind, target.url);
  const queue = [start];
  const queued = new Set(queue);
  const enqueue = (urls: readonly (string | null)[]) => {
    for (const url of urls) {
      if (url !== null && !queued.has(url)) {
        queued.add(url);
        queue.push(url);
      }
    }
  };
  const fail = (issue: RunIssue) => {
    result.errors.push(issue);
    result.complete = false;
  };
  const reader = hooks.reader ?? inlinePageReader;

  while (queue.length > 0) {
    if (hooks.shouldStop?.()) {
      fail({ code: 'interrupted', message: 'the run was stopped before every page was read' });
      break;
    }
    const url = queue.shift()!;
    const cached = await pageCache.get(target.id, url);
    const outcome = await fetcher.fetch(url, {
      ...(cached?.etag ? { ifNoneMatch: cached.etag } : {}),
      ...(cached?.lastModified ? { ifModifiedSince: cached.lastModified } : {}),
    });

    if (outcome.kind === 'not-modified' && cached) {
      result.pagesNotModified += 1;
      cached.externalIds.forEach((id) => result.notModifiedIds.add(id));
      enqueue([...cached.links, cached.nextPage]);
    } else if (outcome.kind === 'ok') {
      result.pagesFetched += 1;
      const parsed = await readOrFail(reader, target.kind, {
        body: outcome.body,
        url: outcome.url,
        contentType: outcome.headers.contentType ?? null,
        options: target.options,
      });
      parsed.errors.forEach((issue) => fail({ code: 'parse-error', message: issue.message, url: outcome.url, ...(issue.detail ? { detail: issue.detail } : {}) }));
      parsed.skipped.forEach((skip) => result.skipped.push(skipIssue(skip.reason, skip.externalId, skip.url ?? outcome.url)));
      const captured = parsed.captured;
      const pageIds: string[] = [];
      for (const capture of captured) {
        if (capture.ok) {
          result.items.set(capture.item.externalId, capture.item);
          pageIds.push(capture.item.externalId);
        } else {
          const detail = capture.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
          result.skipped.push({ code: 'invalid-item', message: `item breaks the event contract (${detail})`, url: capture.url, externalId: capture.externalId });
        }
      }
      if (parsed.errors.length === 0) {
        result.pageCacheWrites.push({
          url,
          page: {
            etag: outcome.headers.etag ?? null,
            lastModified: outcome.headers.lastModified ?? null,
            externalIds: pageIds,
            links: parsed.links,
            nextPage: parsed.nextPage,
          },
        });
      }
      enqueue([...parsed.links, parsed.nextPage]);
    } else if (outcome.kind === 'skipped') {
      fail({ code: outcome.reason, message: outcome.reason === 'page-cap' ? 'page cap reached: the rest of the catalogue was not read' : 'robots.txt disallows this page', url });
    } else if (outcome.kind === 'failed') {
      fail({ code: outcome.reason, message: outcome.message, url, ...(outcome.status ? { detail: `HTTP ${outcome.status}` } : {}) });
    } else {
      // 304 for a page we hold no copy of (the cache was cleared): ask again without validators.
      await pageCache.forget(target.id, url);
      queued.delete(url);
      fail({ code: 'not-modified-without-copy', message: 'the server answered 304 to a page with no stored copy; it is read in full next run', url });
    }
    await hooks.onPage?.({ pagesFetched: result.pagesFetched, pagesNotModified: result.pagesNotModified });
  }
  return result;
}

/** A page the reader could not read at all (its worker died) is a parse error of that page, as a parser's own failure is. */
async function readOrFail(reader: PageReader, kind: CrawlTarget['kind'], document: Parameters<PageReader['read']>[1]): Promise<PageReading> {
  try {
    return await reader.read(kind, document);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { captured: [], skipped: [], errors: [{ message: `the ${kind} page could not be read`, detail }], links: [], nextPage: null };
  }
}

/** Parser skip reasons are "code: explanation" (see the parsers' SKIP_REASONS). */
function skipIssue(reason: string, externalId: string | undefined, url: string): RunIssue {
  const separator = reason.indexOf(': ');
  const code = separator > 0 ? reason.slice(0, separator) : 'skipped';
  const message = separator > 0 ? reason.slice(separator + 2) : reason;
  return { code, message, url, ...(externalId ? { externalId } : {}) };
}

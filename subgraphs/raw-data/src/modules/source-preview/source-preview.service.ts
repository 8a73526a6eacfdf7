import { parseInput } from '@mrt/graphql-kit';
import type { OutboundGuard } from '@mrt/platform';
import { fieldCoverage, missingFields, type FieldCoverage } from '../../capture/field-coverage.js';
import { crawlSource } from '../../crawling/crawl-source.js';
import type { PageCacheReader } from '../../crawling/page-cache.js';
import type { RunIssue } from '../../crawling/run-issue.js';
import { createPoliteFetcher, type HostGate, type PoliteFetcherOptionsInput } from '../../fetching/index.js';
import type { CreateSourceInput } from '../source/source.input.js';
import { createSourceSchema } from '../source/source.validation.js';

/** A preview reads a few pages, enough to judge a configuration, and never a whole catalogue. */
export const PREVIEW_PAGE_CAP = 5;

export interface SourcePreviewResult {
  pagesFetched: number;
  truncated: boolean;
  listings: { externalId: string; url: string; fields: Record<string, unknown>; missingFields: string[] }[];
  announcements: number;
  errors: RunIssue[];
  skipped: RunIssue[];
  fieldCoverage: FieldCoverage;
}

export interface SourcePreviewDeps {
  fetcher: PoliteFetcherOptionsInput;
  /** Shared with the runs, so a preview and a run never hit one shop at the same time. */
  hostGates: Map<string, HostGate>;
  /** The runs' outbound guard: a preview connects only where a run may. */
  guard: OutboundGuard;
  /** Refuses a URL a source may not have, as creating the source would (BAD_USER_INPUT on url). */
  assertReachable(url: string): Promise<void>;
  distributorCurrency(distributorId: string): Promise<string | null>;
}

// No conditional GET and nothing remembered: the preview must see the pages as they are now.
const NO_PAGE_CACHE: PageCacheReader = { get: () => Promise.resolve(null), forget: () => Promise.resolve() };

/**
 * Runs the crawl a source would run, politely and capped, and returns what it read. It writes no
 * source, run, listing, page validator or event: an operator tries selectors before saving.
 */
export class SourcePreviewService {
  constructor(private readonly deps: SourcePreviewDeps) {}

  async preview(input: CreateSourceInput): Promise<SourcePreviewResult> {
    const valid = parseInput(createSourceSchema, input);
    await this.deps.assertReachable(valid.url);
    let options: Record<string, unknown> = valid.options;
    if (valid.kind === 'SHOPIFY' && typeof options['currency'] !== 'string') {
      const currency = valid.distributorId ? await this.deps.distributorCurrency(valid.distributorId) : null;
      if (currency === null) return emptyPreview([{ code: 'currency-unknown', message: "the source sets no currency and the catalog has not told us its distributor's yet" }]);
      options = { ...options, currency };
    }
    const fetcher = createPoliteFetcher({ ...this.deps.fetcher, pageCap: PREVIEW_PAGE_CAP }, { gates: this.deps.hostGates, guard: this.deps.guard });
    try {
      const crawl = await crawlSource({ id: 'preview', kind: valid.kind, url: valid.url, options }, fetcher, NO_PAGE_CACHE);
      const items = [...crawl.items.values()];
      const listings = items.filter((item) => item.kind === 'LISTING');
      return {
        pagesFetched: crawl.pagesFetched,
        truncated: crawl.errors.some((issue) => issue.code === 'page-cap'),
        listings: listings.map((item) => ({ externalId: item.externalId, url: item.url, fields: item.normalized, missingFields: missingFields(item.normalized) })),
        announcements: items.length - listings.length,
        // Reaching the preview's own page limit is not a problem of the configuration.
        errors: crawl.errors.filter((issue) => issue.code !== 'page-cap'),
        skipped: crawl.skipped,
        fieldCoverage: fieldCoverage(items),
      };
    } finally {
      fetcher.close();
    }
  }
}

function emptyPreview(errors: RunIssue[]): SourcePreviewResult {
  return { pagesFetched: 0, truncated: false, listings: [], announcements: 0, errors, skipped: [], fieldCoverage: fieldCoverage([]) };
}

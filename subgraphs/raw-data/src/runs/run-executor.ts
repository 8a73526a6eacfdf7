import type { Logger, OutboundGuard } from '@mrt/platform';
import { fieldCoverage } from '../capture/field-coverage.js';
import { crawlSource, type CrawlResult } from '../crawling/crawl-source.js';
import type { PageReader } from '../crawling/read-page.js';
import type { RunIssue } from '../crawling/run-issue.js';
import { type HostGate, createPoliteFetcher, type PoliteFetcher, type PoliteFetcherOptionsInput } from '../fetching/index.js';
import type { FetchedPageStore } from '../modules/fetched-page/fetched-page.store.js';
import type { ParserRunService, RunOutcome } from '../modules/parser-run/parser-run.service.js';
import type { CaptureService } from '../modules/raw-listing/capture.service.js';
import type { SourceEntity } from '../modules/source/source.entity.js';
import { ProgressWriter } from './progress-writer.js';

export interface RunExecutorDeps {
  runs: ParserRunService;
  findSource(id: string): Promise<SourceEntity | null>;
  /** The catalog's currency of a distributor, for Shopify sources that set none. */
  distributorCurrency(distributorId: string): Promise<string | null>;
  capture: CaptureService;
  pageCache: FetchedPageStore;
  fetcher: PoliteFetcherOptionsInput;
  /** Every page request connects through it: a source URL cannot reach inside the network. */
  guard: OutboundGuard;
  /** Per-host politeness shared with whatever else fetches in this process (previews). */
  hostGates?: Map<string, HostGate>;
  /** A complete run that saw fewer than this share of the last good run's listings removes nothing. */
  removalGuardRatio: number;
  /** How long a run waits for its distributor's currency to arrive from the catalog. */
  currencyWaitMs?: number;
  heartbeatMs: number;
  /** Where fetched pages are parsed (worker threads in a service). Default: inline. */
  pageReader?: PageReader;
  logger: Logger;
}

/**
 * Carries out one queued run: claim it, crawl, store what was read, and only after a complete
 * crawl that passes the removal guard, mark what the shop no longer lists as removed.
 */
export class RunExecutor {
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly fetchers = new Set<PoliteFetcher>();
  private readonly hostGates: Map<string, HostGate>;

  constructor(private readonly deps: RunExecutorDeps) {
    this.hostGates = deps.hostGates ?? new Map<string, HostGate>();
  }

  /** Resolves when the run is finished (or was not ours to run); never rejects. */
  execute(runId: string): Promise<void> {
    const work = this.executeClaimed(runId).catch((error: unknown) => {
      this.deps.logger.error({ err: error, runId }, 'parser run crashed');
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  /** Stops crawls between pages and waits for runs in flight to record how far they got. */
  async stop(): Promise<void> {
    this.stopping = true;
    // Aborting fetches in flight ends each crawl at once; the pages not read become errors.
    this.fetchers.forEach((fetcher) => fetcher.close());
    await Promise.all([...this.inFlight]);
  }

  private async executeClaimed(runId: string): Promise<void> {
    const { runs, logger } = this.deps;
    const startedAt = new Date();
    const run = await runs.claim(runId, startedAt);
    if (!run) return;
    const heartbeat = setInterval(() => void runs.heartbeat(runId).catch(() => undefined), this.deps.heartbeatMs);
    try {
      const source = await this.deps.findSource(run.sourceId);
      const outcome = source
        ? await this.crawlAndStore(source, runId, startedAt, run.acceptShrink)
        : failed([{ code: 'source-missing', message: `source ${run.sourceId} no longer exists` }]);
      await runs.finish(runId, outcome);
      logger.info({ runId, sourceId: run.sourceId, status: outcome.status, seen: outcome.listingsSeen, new: outcome.listingsNew, changed: outcome.listingsChanged, removed: outcome.listingsRemoved }, 'parser run finished');
    } catch (error) {
      // Whatever was stored stays stored; the run says it failed and why.
      await runs.finish(runId, failed([{ code: 'internal-error', message: error instanceof Error ? error.message : String(error) }]));
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * A Shopify source without a currency reads prices in its distributor's. An operator who has
   * just created the distributor and then the source may press "run now" before the catalog's
   * distributor event has reached raw-data: the run waits for it (checking with backoff, up to
   * currencyWaitMs) rather than fail, and reads the shop as soon as the currency is known.
   * Null when it never arrives in that time, or the service is stopping.
   */
  private async withCurrency(source: SourceEntity): Promise<SourceEntity | null> {
    if (source.kind !== 'SHOPIFY' || typeof source.options['currency'] === 'string') return source;
    const distributorId = source.distributorId;
    if (!distributorId) return null;
    const deadline = Date.now() + (this.deps.currencyWaitMs ?? 0);
    let pause = 50;
    for (;;) {
      const currency = await this.deps.distributorCurrency(distributorId);
      if (currency) return { ...source, options: { ...source.options, currency } };
      const left = deadline - Date.now();
      if (left <= 0 || this.stopping) return null;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
      pause = Math.min(pause * 2, 1000);
    }
  }

  private async crawlAndStore(configured: SourceEntity, runId: string, startedAt: Date, acceptShrink: boolean): Promise<RunOutcome> {
    const { runs, capture, pageCache } = this.deps;
    const source = await this.withCurrency(configured);
    if (!source) {
      return failed([
        {
          code: 'currency-unknown',
          message: "the source sets no currency and the catalog has not told us its distributor's (waited for its event); set options.currency or run again once the distributor exists",
        },
      ]);
    }
    const initialImport = !(await runs.hasSucceeded(source.id));
    const fetcher = createPoliteFetcher(this.deps.fetcher, { gates: this.hostGates, guard: this.deps.guard });
    this.fetchers.add(fetcher);
    const progress = new ProgressWriter(
      (pages) => runs.heartbeat(runId, pages),
      (error) => this.deps.logger.warn({ err: error, runId }, 'parser run: progress not recorded'),
    );
    let crawl: CrawlResult;
    try {
      crawl = await crawlSource(source, fetcher, pageCache, {
        onPage: async (pages) => progress.report(pages),
        shouldStop: () => this.stopping,
        ...(this.deps.pageReader ? { reader: this.deps.pageReader } : {}),
      });
    } finally {
      fetcher.close();
      this.fetchers.delete(fetcher);
      await progress.settled();
    }

    const items = [...crawl.items.values()];
    const counts = await capture.capture(source, items, { seenAt: startedAt, initialImport });
    const notModified = [...crawl.notModifiedIds].filter((id) => !crawl.items.has(id));
    await capture.touch(source, notModified, startedAt);
    // Only now that the listings are stored may their pages answer 304 next time.
    for (const write of crawl.pageCacheWrites) await pageCache.put(source.id, write.url, write.page, startedAt);

    const listingsSeen = items.length + notModified.length;
    const errors = [...crawl.errors];
    let status: RunOutcome['status'] = crawl.complete ? 'SUCCEEDED' : listingsSeen > 0 ? 'PARTIAL' : 'FAILED';
    let listingsRemoved = 0;
    let removalSuppressed = false;
    if (status === 'SUCCEEDED') {
      const lastGood = await runs.lastGoodListingsSeen(source.id);
      if (!acceptShrink && lastGood !== null && listingsSeen < lastGood * this.deps.removalGuardRatio) {
        removalSuppressed = true;
        status = 'PARTIAL';
        errors.push({
          code: 'removal-guard',
          message: `saw ${listingsSeen} listings where the last good run saw ${lastGood} (below ${this.deps.removalGuardRatio} of it): nothing was removed. If the shop really shrank, run again with acceptShrink.`,
        });
      } else {
        // Seen in this run means last seen at startedAt; anything older the shop no longer lists.
        listingsRemoved = await capture.remove(source, startedAt, new Date());
      }
    }
    return {
      status,
      pagesFetched: crawl.pagesFetched,
      pagesNotModified: crawl.pagesNotModified,
      listingsSeen,
      listingsNew: counts.new,
      listingsChanged: counts.changed,
      listingsRemoved,
      removalSuppressed,
      errors,
      skipped: crawl.skipped,
      fieldCoverage: fieldCoverage(items),
    };
  }
}

function failed(errors: RunIssue[]): RunOutcome {
  return {
    status: 'FAILED',
    pagesFetched: 0,
    pagesNotModified: 0,
    listingsSeen: 0,
    listingsNew: 0,
    listingsChanged: 0,
    listingsRemoved: 0,
    removalSuppressed: false,
    errors,
    skipped: [],
    fieldCoverage: fieldCoverage([]),
  };
}

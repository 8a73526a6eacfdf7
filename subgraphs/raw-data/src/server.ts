import { DeadLetterResolver, authorizedReference, createSubgraphServer, referenceById, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { OutboundGuard } from '@mrt/platform';
import { CaptureService } from './modules/raw-listing/capture.service.js';
import { distributorConsumer } from './modules/distributor/distributor.consumer.js';
import { DistributorProjection } from './modules/distributor/distributor.projection.js';
import { FetchedPageStore } from './modules/fetched-page/fetched-page.store.js';
import { parseWorkers, sourcesMayReachPrivateHosts, type RawDataEnv } from './env.js';
import { defaultPageReaderWorkers, PageReaderPool } from './crawling/page-reader-pool.js';
import { inlinePageReader } from './crawling/read-page.js';
import { PARSER_RUN_LOADER, ParserRunResolver, SourceLastRunResolver } from './modules/parser-run/parser-run.resolver.js';
import { ParserRunService } from './modules/parser-run/parser-run.service.js';
import { IngestService } from './modules/raw-listing/ingest.service.js';
import { RawListingResolver } from './modules/raw-listing/raw-listing.resolver.js';
import { SOURCE_LOADER, SourceResolver } from './modules/source/source.resolver.js';
import { SourcePresetResolver } from './modules/source-preset/source-preset.resolver.js';
import { SourcePreviewResolver } from './modules/source-preview/source-preview.resolver.js';
import { SourcePreviewService } from './modules/source-preview/source-preview.service.js';
import type { HostGate } from './fetching/index.js';
import { SourceService } from './modules/source/source.service.js';
import { createRawListingStore } from './modules/raw-listing/create-raw-listing-store.js';
import { BullmqRunQueue } from './runs/bullmq-run-queue.js';
import { InProcessRunQueue } from './runs/in-process-run-queue.js';
import { ParserRunner } from './runs/parser-runner.js';
import { RunExecutor } from './runs/run-executor.js';
import type { RunQueue, RunQueueHandlers } from './runs/run-queue.js';
import { startSampleShops, type SampleShops } from './samples/sample-shops.js';
import { buildRawDataSchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps<RawDataEnv>): Subgraph {
  const { env, logger } = deps;
  const dataSource = deps.db.dataSource;
  const store = createRawListingStore(env, dataSource);
  // One guard for source validation and every fetch of every run (SSRF: source URLs are operator input).
  const guard = new OutboundGuard({ allowPrivate: sourcesMayReachPrivateHosts(env), resolve: deps.outboundResolver, connectTimeoutMs: env.FETCH_TIMEOUT_MS });
  const sources = new SourceService(dataSource, guard);
  const runs = new ParserRunService(dataSource, { runningMs: env.RUN_STALE_AFTER_MS, queuedMs: 6 * env.RUN_STALE_AFTER_MS });
  const capture = new CaptureService(dataSource, store.lazy, deps.events.relay);
  const findSource = (id: string) => sources.findById(id);
  const distributors = new DistributorProjection(dataSource);
  const fetcher = {
    userAgent: env.FETCH_USER_AGENT,
    perHostDelayMs: env.FETCH_DELAY_MS,
    timeoutMs: env.FETCH_TIMEOUT_MS,
    maxBytes: env.FETCH_MAX_BYTES,
    retries: env.FETCH_RETRIES,
    backoffBaseMs: env.FETCH_BACKOFF_MS,
    pageCap: env.FETCH_PAGE_CAP,
  };
  const hostGates = new Map<string, HostGate>();
  const workers = parseWorkers(env, defaultPageReaderWorkers());
  const pageReader = workers > 0 ? new PageReaderPool(workers) : inlinePageReader;
  const distributorCurrency = (id: string) => distributors.currencyOf(id);
  const executor = new RunExecutor({
    runs,
    findSource,
    distributorCurrency,
    capture,
    pageCache: new FetchedPageStore(dataSource),
    fetcher,
    hostGates,
    guard,
    removalGuardRatio: env.REMOVAL_GUARD_RATIO,
    currencyWaitMs: env.RUN_CURRENCY_WAIT_MS,
    heartbeatMs: Math.max(1000, Math.floor(env.RUN_STALE_AFTER_MS / 4)),
    pageReader,
    logger,
  });
  const runner = new ParserRunner({
    runs,
    executor,
    createQueue: (handlers: RunQueueHandlers): RunQueue =>
      env.REDIS_URL
        ? new BullmqRunQueue(handlers, { redisUrl: env.REDIS_URL, prefix: `${env.REDIS_KEY_PREFIX}bull`, concurrency: env.RUN_CONCURRENCY, logger })
        : new InProcessRunQueue(handlers, env.RUN_CONCURRENCY, logger),
    listSources: () => sources.list(),
    findSource,
    // A dead worker's run is failed at most a quarter of the stale limit after it went stale.
    staleSweepMs: Math.max(1000, Math.floor(env.RUN_STALE_AFTER_MS / 4)),
    logger,
  });
  sources.onScheduleChange((source) => runner.syncSchedule(source));
  // A run that gave up waiting for its distributor's currency is run again once the currency
  // arrives, so a late catalog event costs a delay, never the shop's first import.
  const rerunSourcesAwaitingCurrency = async (distributorId: string): Promise<void> => {
    try {
      for (const source of await sources.listByDistributor(distributorId)) {
        if (!source.enabled || source.kind !== 'SHOPIFY' || typeof source.options['currency'] === 'string') continue;
        const [latest] = await runs.latestBySources([source.id]);
        if (latest?.status === 'FAILED' && latest.errors.some((issue) => issue.code === 'currency-unknown')) await runner.runNow(source.id);
      }
    } catch (error) {
      // The next scheduled or manual run reads the shop; nothing is lost by missing this one.
      logger.warn({ err: error, distributorId }, 'could not rerun sources waiting for their distributor');
    }
  };
  const ingest = new IngestService(capture, store.lazy, findSource);

  const schema = buildRawDataSchema(
    [
      new DeadLetterResolver(deps.events.bus),
      new SourceResolver(sources),
      new SourcePresetResolver(sources),
      new SourcePreviewResolver(new SourcePreviewService({ fetcher, hostGates, guard, assertReachable: (url) => sources.assertReachable(url), distributorCurrency })),
      new ParserRunResolver(runs, runner, sources),
      new SourceLastRunResolver(runs),
      new RawListingResolver(store.lazy, ingest, sources),
    ],
    {
      // Sources and runs need sources:write through their root fields, so through _entities too.
      Source: authorizedReference(['sources:write'], referenceById(SOURCE_LOADER, (ids) => sources.findByIds(ids))),
      ParserRun: authorizedReference(['sources:write'], referenceById(PARSER_RUN_LOADER, (ids) => runs.findByIds(ids))),
    },
  );
  let sampleShops: SampleShops | undefined;
  return createSubgraphServer({
    name: 'raw-data',
    deps,
    schema,
    consumers: [distributorConsumer(distributors, rerunSourcesAwaitingCurrency)],
    onStart: async () => {
      await store.open();
      if (env.SAMPLE_SHOPS_PORT !== undefined) sampleShops = await startSampleShops(env.SAMPLE_SHOPS_PORT);
      await runner.start();
    },
    onStop: async () => {
      await runner.stop();
      await pageReader.close();
      await sampleShops?.close();
      await store.close();
      await guard.close();
    },
  });
}

/**
 * Pipeline benchmark, end to end: generated shop catalogues (Shopify products.json, WooCommerce
 * Store API and JSON-LD listing pages, served over local HTTP) -> raw-data parser runs -> catalog
 * resolution -> releases upserts -> notifications matching, on the real subgraphs (the whole
 * supergraph in this process, as `pnpm start` runs it; or with `--deployment processes` every
 * subgraph in a process of its own, as `docker compose` runs them) against PostgreSQL (fresh
 * schemas) and Redis Streams (own key prefix).
 *
 * Pass 1 imports every listing. Then fans register and follow bands, labels, genres and releases
 * through the gateway, and pass 2 re-reads the shops after a share of listings changed price or
 * stock. Throughput per stage and latencies are read from the subgraphs' own records (parser
 * runs, outbox and inbox rows, notification rows), not from this process's clock.
 *
 *   pnpm bench:pipeline [--listings 100000] [--follows 10000] [--price-share 0.05] [--stock-share 0.02]
 *     [--timeout-minutes 60] [--keep] [--short] [--deployment one-process|processes]
 *
 * --short: 2 000 listings and 500 follows (well under a minute on an idle machine). Every mode writes bench/.out/pipeline.json.
 * The shops are read without politeness delays (FETCH_DELAY_MS=0, no Crawl-delay, page cap raised)
 * and the gateway's rate limits are off: the benchmark measures the pipeline, not the throttles.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createRedis, parseEnv, perSubgraph, subgraphDescriptor, type SubgraphName } from '@mrt/platform';
import { dropSchema, uniqueName } from '@mrt/platform/testing';
import { SUBGRAPHS, launcherEnvSchema, startSupergraph, type RunningSupergraph } from '@mrt/supergraph';
import { writeSummary, type SummaryRow } from '../shared/summary.js';
import { GatewayClient, inParallel } from './gateway-client.js';
import { writeShopPages } from './shop-pages.js';
import { startShopServer } from './shop-server.js';
import { BENCH_SHOPS, changeSome, generateWorld } from './shop-world.js';
import { startSubgraphProcesses } from './subgraph-processes.js';
import { StageClock, type StageSchemas, type StageWindow } from './stage-clock.js';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    listings: { type: 'string' },
    follows: { type: 'string' },
    'price-share': { type: 'string', default: '0.05' },
    'stock-share': { type: 'string', default: '0.02' },
    'timeout-minutes': { type: 'string', default: '60' },
    keep: { type: 'boolean', default: false },
    // one-process: as `pnpm start` runs it; processes: a process per subgraph, as `docker compose` does.
    deployment: { type: 'string', default: 'one-process' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const short = args.short!;
const config = {
  // --short: small enough for `pnpm bench`'s three minutes (issue #21).
  listings: Number(args.listings ?? (short ? 2_000 : 100_000)),
  follows: Number(args.follows ?? (short ? 500 : 10_000)),
  priceShare: Number(args['price-share']),
  stockShare: Number(args['stock-share']),
  timeoutMs: Number(args['timeout-minutes']) * 60_000,
  databaseUrl: args['database-url']!,
  redisUrl: args['redis-url']!,
  deployment: args.deployment!,
};
if (!['one-process', 'processes'].includes(config.deployment)) throw new Error(`--deployment is one-process or processes, not ${config.deployment}`);
/** Under the notifications service's per-user cap (1 000), and enough fans to spread follows. */
const FOLLOWS_PER_USER = 100;
const ADMIN = { email: `bench-${randomUUID()}@example.com`, password: 'pipeline bench operator' };

const seconds = (from: Date | null, to: Date | null) => (from && to ? (to.getTime() - from.getTime()) / 1000 : NaN);
const perSecond = (count: number, from: Date | null, to: Date | null) => count / seconds(from, to);
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
// A stop signal (Ctrl-C, `pnpm bench`'s timeout) ends the wait so the schemas and keys are still dropped.
let interrupted: string | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (interrupted = signal));
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

interface PassResult {
  name: string;
  startedAt: Date;
  rows: SummaryRow[];
  lines: string[];
}

async function waitForPass(clock: StageClock, since: Date, deadline: number): Promise<void> {
  let last = '';
  for (;;) {
    const progress = await clock.progress(since);
    const line = JSON.stringify(progress);
    if (line !== last) log(`progress ${line}`);
    last = line;
    if (progress.runsOpen === 0 && progress.waitingForCatalog === 0 && progress.waitingForReleases === 0 && progress.waitingForNotifications === 0) {
      // Settled only if nothing new shows on a second look (a consumer may have just committed an event).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const again = await clock.progress(since);
      if (again.runsOpen + again.waitingForCatalog + again.waitingForReleases + again.waitingForNotifications === 0) return;
      continue;
    }
    if (Date.now() > deadline) throw new Error(`pipeline did not settle before the timeout: ${line}`);
    if (interrupted) throw new Error(`stopped by ${interrupted}: ${line}`);
    // The progress queries scan this pass's outbox rows: every 2 s is plenty for a big pass.
    await new Promise((resolve) => setTimeout(resolve, short ? 1000 : 2000));
  }
}

async function measurePass(clock: StageClock, name: string, startedAt: Date): Promise<PassResult> {
  const runs = await clock.runs(startedAt);
  const catalog = await clock.handled('catalog', startedAt);
  const releases = await clock.handled('releases', startedAt);
  const notifications = await clock.handled('notifications', startedAt);
  const notified = await clock.notifications(startedAt);
  const emitted = { rawData: await clock.emitted('rawData', startedAt), catalog: await clock.emitted('catalog', startedAt), releases: await clock.emitted('releases', startedAt) };
  const endedAt = [notifications.last, notified.last, releases.last, catalog.last, runs.last].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const rows: SummaryRow[] = [];
  const lines: string[] = [];
  const stage = (label: string, window: StageWindow, unit: string) => {
    const rate = perSecond(window.count, window.first, window.last);
    rows.push({ case: `${name}: ${label}`, metric: 'throughput', value: rate, unit });
    lines.push(`| ${label} | ${window.count} | ${seconds(window.first, window.last).toFixed(1)} | ${rate.toFixed(0)} ${unit} | ${seconds(startedAt, window.last).toFixed(1)} |`);
  };
  lines.push(`### ${name}`, '', `parser runs: ${runs.runs} (${runs.statuses}), ${runs.pages} pages, ${runs.seen} listings seen, ${runs.changed} new or changed, ${runs.skipped} items skipped`);
  lines.push(`events committed: raw-data ${JSON.stringify(emitted.rawData)}; catalog ${JSON.stringify(emitted.catalog)}; releases ${JSON.stringify(emitted.releases)}`, '');
  lines.push('| stage | items | busy s (first -> last) | throughput | done at s after pass start |', '| --- | ---: | ---: | ---: | ---: |');
  stage('raw-data: fetch + parse + capture (listings seen)', { count: runs.seen, first: runs.first, last: runs.last }, 'listings/s');
  stage('catalog: resolve (events handled)', catalog, 'listings/s');
  stage('releases: release/offer upsert (events handled)', releases, 'listings/s');
  stage('notifications: match (events handled)', notifications, 'events/s');
  if (notified.rows > 0) stage(`notifications: written (${notified.events} events matched)`, { count: notified.rows, first: notified.first, last: notified.last }, 'notifications/s');
  const wall = seconds(startedAt, endedAt);
  rows.push({ case: `${name}: end to end`, metric: 'wall time', value: wall, unit: 's' });
  lines.push('', `end to end (runs requested -> last event handled / notification written): ${wall.toFixed(1)} s`);
  return { name, startedAt, rows, lines };
}

async function runParsers(gateway: GatewayClient, sourceIds: string[]): Promise<Date> {
  const startedAt = new Date();
  for (const id of sourceIds) await gateway.ok(`mutation ($id: ID!) { runParser(sourceId: $id) { id } }`, { id });
  return startedAt;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'mrt-bench-pipeline-'));
  const shops = await startShopServer(dir);
  const world = generateWorld(config.listings);
  const pages = writeShopPages(dir, world.listings, shops.origin);
  log(`${world.listings.length} listings (${world.releases} releases, ~${world.bands} bands, ${world.labels} labels) in ${pages} pages over ${BENCH_SHOPS.length} shops`);

  const prefix = uniqueName('bench_pipe');
  const redisPrefix = `${prefix}:`;
  const envSource: Record<string, string | undefined> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    REDIS_KEY_PREFIX: redisPrefix,
    PORT: '0',
    ...perSubgraph('PORT', () => '0'),
    SEED_DEMO_DATA: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // Local shops: no politeness pauses, no retry back-off, every page of a big catalogue.
    FETCH_DELAY_MS: '0',
    FETCH_BACKOFF_MS: '0',
    FETCH_PAGE_CAP: '5000',
    // The bench shops are served on loopback, which production refuses (SSRF guard).
    SOURCE_ALLOW_PRIVATE_HOSTS: 'true',
    RATE_LIMIT_ENABLED: 'false',
    // Every bench fan registers from this one address.
    REGISTER_MAX_PER_IP: '1000000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    // No rates from the internet; same-currency price changes need none.
    CURRENCY_RATES_REFRESH_HOURS: '0',
    SIGNING_KEY_SECRET: randomUUID() + randomUUID(),
  };
  const schemaOf = (name: SubgraphName) => `${prefix}_${subgraphDescriptor(name).dbSchema}`;
  const schemas: StageSchemas = { rawData: schemaOf('raw-data'), catalog: schemaOf('catalog'), releases: schemaOf('releases'), notifications: schemaOf('notifications') };
  const db = new pg.Client({ connectionString: config.databaseUrl });
  await db.connect();
  let supergraph: RunningSupergraph | undefined;
  const deadline = Date.now() + config.timeoutMs;
  try {
    supergraph =
      config.deployment === 'processes'
        ? await startSubgraphProcesses(envSource, prefix)
        : await startSupergraph({ env: parseEnv(launcherEnvSchema, envSource), envSource, dbSchemaPrefix: prefix });
    const gateway = new GatewayClient(supergraph.gatewayUrl);
    await gateway.login(ADMIN);
    const clock = new StageClock(db, schemas);

    const sourceIds: string[] = [];
    for (const shop of BENCH_SHOPS) {
      const { createDistributor } = await gateway.ok<{ createDistributor: { id: string } }>(
        `mutation ($input: CreateDistributorInput!) { createDistributor(input: $input) { id } }`,
        { input: { name: shop.name, country: shop.country, websiteUrl: `https://${shop.key}.example`, currency: shop.currency } },
      );
      const options =
        shop.platform === 'SHOPIFY'
          ? { currency: shop.currency, vendorRole: 'band', labelTagPrefix: 'Label_', genreTagPrefix: 'Genre_' }
          : shop.platform === 'JSON_LD'
            ? { currency: shop.currency, brandRole: 'label' }
            : { currency: shop.currency };
      const url = shop.platform === 'JSON_LD' ? `${shops.origin}/${shop.key}/listing-1.html` : `${shops.origin}/${shop.key}/`;
      const { createSource } = await gateway.ok<{ createSource: { id: string } }>(
        `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id } }`,
        { input: { name: shop.name, kind: shop.platform, url, distributorId: createDistributor.id, options } },
      );
      sourceIds.push(createSource.id);
    }

    // Pass 1: the first import of every shop.
    log('pass 1: first import');
    const first = await runParsers(gateway, sourceIds);
    await waitForPass(clock, first, deadline);
    const pass1 = await measurePass(clock, 'pass 1 (import)', first);

    // Fans and their follows, spread over releases, bands, labels and genres of what was imported.
    const users = Math.ceil(config.follows / FOLLOWS_PER_USER);
    const followStarted = performance.now();
    const fans = await inParallel(Array.from({ length: users }, (_, i) => i), 4, async (i) => {
      const { register } = await gateway.ok<{ register: { accessToken: string } }>(
        `mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`,
        { input: { email: `fan-${i}-${randomUUID().slice(0, 8)}@example.com`, password: 'a long bench passphrase', displayName: `Fan ${i}` } },
        null,
      );
      return register.accessToken;
    });
    const targets = await followTargets(db, schemas.releases, config.follows);
    let followed = 0;
    await inParallel(targets, 8, async (target, index) => {
      await gateway.ok(
        `mutation ($input: FollowInput!) { follow(input: $input) { id } }`,
        { input: { targetType: target.type, targetId: target.id, events: ['PRICE_DROP', 'PRICE_INCREASE', 'STOCK_CHANGED'] } },
        fans[index % fans.length]!,
      );
      followed += 1;
    });
    const followSeconds = (performance.now() - followStarted) / 1000;
    const byType = targets.reduce<Record<string, number>>((counts, t) => ({ ...counts, [t.type]: (counts[t.type] ?? 0) + 1 }), {});
    log(`${users} fans registered, ${followed} follows (${JSON.stringify(byType)}) in ${followSeconds.toFixed(1)} s`);

    // Pass 2: some prices and stock changed since.
    const changes = changeSome(world.listings, config.priceShare, config.stockShare);
    writeShopPages(dir, world.listings, shops.origin);
    log(`pass 2: ${changes.prices} price changes, ${changes.stock} stock changes`);
    await gateway.login(ADMIN);
    const second = await runParsers(gateway, sourceIds);
    await waitForPass(clock, second, deadline);
    const pass2 = await measurePass(clock, 'pass 2 (changes)', second);
    const latencies = (await clock.latencies(second)).filter((l) => l.kind !== 'OFFER_ADDED' && l.kind !== 'RELEASE_ANNOUNCED');
    const eventMs = latencies.map((l) => l.eventMs);
    const sincePass = latencies.map((l) => l.sincePassMs);
    const captureMs = await clock.captureLatencies(second);
    const hops = await clock.hopLatencies(second);
    const hopOf = (pick: (hop: (typeof hops)[number]) => number) => hops.map(pick);
    const hopStages = [
      { label: 'captured -> resolved (raw-data commit -> catalog)', values: hopOf((hop) => hop.captureToResolved) },
      { label: 'resolved -> offer event (catalog -> releases)', values: hopOf((hop) => hop.resolvedToOffer) },
      { label: 'offer event -> notification (releases -> notifications)', values: hopOf((hop) => hop.offerToNotification) },
    ];
    const kinds = latencies.reduce<Record<string, number>>((counts, l) => ({ ...counts, [l.kind]: (counts[l.kind] ?? 0) + 1 }), {});

    const rows: SummaryRow[] = [
      ...pass1.rows,
      ...pass2.rows,
      { case: 'pass 2: offer event occurredAt -> notification createdAt', metric: 'p50', value: percentile(eventMs, 50), unit: 'ms' },
      { case: 'pass 2: offer event occurredAt -> notification createdAt', metric: 'p99', value: percentile(eventMs, 99), unit: 'ms' },
      { case: 'pass 2: listing captured (raw-data commit) -> notification createdAt', metric: 'p50', value: percentile(captureMs, 50), unit: 'ms' },
      { case: 'pass 2: listing captured (raw-data commit) -> notification createdAt', metric: 'p99', value: percentile(captureMs, 99), unit: 'ms' },
      ...hopStages.flatMap((hop) =>
        [50, 99].map((p) => ({ case: `pass 2 hop: ${hop.label}`, metric: `p${p}`, value: percentile(hop.values, p), unit: 'ms' })),
      ),
      { case: 'pass 2: runs requested -> notification createdAt', metric: 'p50', value: percentile(sincePass, 50) / 1000, unit: 's' },
      { case: 'pass 2: runs requested -> notification createdAt', metric: 'p99', value: percentile(sincePass, 99) / 1000, unit: 's' },
      { case: `follows via the gateway (${followed})`, metric: 'throughput', value: followed / followSeconds, unit: 'follows/s' },
    ].map((row) => ({ ...row, case: `${config.listings / 1000}k listings, ${config.follows / 1000}k follows${config.deployment === 'processes' ? ', a process per subgraph' : ''}; ${row.case}` }));

    const cpus = os.cpus();
    const [{ server_version: postgres }] = (await db.query('SHOW server_version')).rows as [{ server_version: string }];
    console.log(`\n## Pipeline: ${config.listings} listings, ${config.follows} follows (${short ? 'short' : 'full'}; ${config.deployment === 'processes' ? 'a process per subgraph' : 'one process'})\n`);
    console.log(`machine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}, PostgreSQL ${postgres}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`world: ${world.releases} releases, ~${world.bands} bands, ${world.labels} labels, ${pages} pages; pass 2: ${changes.prices} price and ${changes.stock} stock changes\n`);
    for (const pass of [pass1, pass2]) console.log(`${pass.lines.join('\n')}\n`);
    console.log(`notified offer changes: ${latencies.length} events ${JSON.stringify(kinds)}`);
    console.log(`offer event occurredAt -> notification createdAt: p50 ${percentile(eventMs, 50).toFixed(0)} ms, p99 ${percentile(eventMs, 99).toFixed(0)} ms, max ${Math.max(...eventMs).toFixed(0)} ms`);
    console.log(`listing captured (raw-data commit) -> notification createdAt: p50 ${percentile(captureMs, 50).toFixed(0)} ms, p99 ${percentile(captureMs, 99).toFixed(0)} ms (${captureMs.length} events)`);
    console.log(`per hop (${hops.length} events, outbox and notification rows, each stamped at its transaction's start):`);
    for (const hop of hopStages) {
      console.log(`  ${hop.label}: p50 ${percentile(hop.values, 50).toFixed(0)} ms, p99 ${percentile(hop.values, 99).toFixed(0)} ms, max ${Math.max(...hop.values).toFixed(0)} ms`);
    }
    console.log(`pass 2 runs requested -> notification createdAt: p50 ${(percentile(sincePass, 50) / 1000).toFixed(1)} s, p99 ${(percentile(sincePass, 99) / 1000).toFixed(1)} s`);
    console.log(`follows: ${followed} by ${users} fans in ${followSeconds.toFixed(1)} s (${(followed / followSeconds).toFixed(0)}/s) ${JSON.stringify(byType)}`);
    const file = writeSummary('pipeline', short, rows);
    console.log(`summary: ${file}`);
  } finally {
    await supergraph?.stop().catch((error: unknown) => console.error('stopping the supergraph failed', error));
    await db.end();
    await shops.close();
    rmSync(dir, { recursive: true, force: true });
    if (args.keep) console.log(`kept schemas ${prefix}_*`);
    else {
      for (const module of SUBGRAPHS) await dropSchema(config.databaseUrl, `${prefix}_${module.dbSchema}`).catch(() => undefined);
      const redis = createRedis(config.redisUrl);
      const keys = await redis.keys(`${redisPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  }
}

/**
 * Follow targets from what pass 1 imported, in a fixed order: mostly single releases and bands
 * (few fans each), some labels, a few genres (many releases each, so many notifications per fan).
 */
async function followTargets(db: pg.Client, releasesSchema: string, count: number): Promise<{ type: string; id: string }[]> {
  const take = async (type: string, sql: string, n: number) =>
    ((await db.query(sql, [n])).rows as { id: string }[]).map((row) => ({ type, id: row.id }));
  const from = `"${releasesSchema}".release`;
  const releases = await take('RELEASE', `SELECT id FROM ${from} ORDER BY md5(id::text) LIMIT $1`, Math.round(count * 0.5));
  const bands = await take('BAND', `SELECT DISTINCT b AS id FROM ${from}, unnest(band_ids) b ORDER BY 1 LIMIT $1`, Math.round(count * 0.35));
  const labels = await take('LABEL', `SELECT DISTINCT label_id AS id FROM ${from} WHERE label_id IS NOT NULL ORDER BY 1 LIMIT $1`, count);
  const genres = await take('GENRE', `SELECT DISTINCT g AS id FROM ${from}, unnest(genre_ids) g ORDER BY 1 LIMIT $1`, count);
  const targets = [...releases, ...bands];
  // Labels and genres are few: each is followed by several fans (one follow per fan and target).
  const labelFollows = Math.round(count * 0.13);
  for (let i = 0; i < labelFollows && labels.length > 0; i++) targets.push(labels[i % labels.length]!);
  while (targets.length < count && genres.length > 0) targets.push(genres[targets.length % genres.length]!);
  return targets.slice(0, count);
}

await main();

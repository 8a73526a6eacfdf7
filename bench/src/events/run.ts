/**
 * Event backbone benchmark: sustained events/s through
 *   producer transaction (state row + outbox) -> OutboxRelay -> Redis stream -> consumer group
 *   -> idempotent handler (inbox row + effect row)
 * and end-to-end latency from the producer's commit to the handler's commit.
 *
 * Runs against the local PostgreSQL (own schema, dropped after) and Redis (own key prefix,
 * deleted after). Bounded in event count and wall time. Not a test: it prints numbers.
 *
 *   npx tsc -b bench && node bench/dist/events/run.js [--events 20000] [--producers 4] [--batch 10]
 *     [--concurrency 8] [--rate 500] [--rate-seconds 10] [--max-seconds 120] [--short]
 *
 * --short: 3 000 events and 200 events/s for 3 s. Every mode writes bench/.out/events.json.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  createEvent,
  createIdempotentHandler,
  enqueueEvents,
  EVENT_MIGRATIONS,
  OutboxRelay,
  RedisStreamsBus,
  subjects,
  type AnyEvent,
  type EventOf,
  type Subscription,
} from '@mrt/events';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { writeSummary } from '../shared/summary.js';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    events: { type: 'string' },
    producers: { type: 'string', default: '4' },
    batch: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    rate: { type: 'string' },
    'rate-seconds': { type: 'string' },
    'max-seconds': { type: 'string' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});

// --short: the same two phases, small enough for `pnpm bench` (a few seconds each).
const short = args.short!;
const config = {
  events: Number(args.events ?? (short ? 3000 : 20000)),
  producers: Number(args.producers),
  batch: Number(args.batch),
  concurrency: Number(args.concurrency),
  rate: Number(args.rate ?? (short ? 200 : 500)),
  rateSeconds: Number(args['rate-seconds'] ?? (short ? 3 : 10)),
  maxSeconds: Number(args['max-seconds'] ?? (short ? 40 : 120)),
  databaseUrl: args['database-url']!,
  redisUrl: args['redis-url']!,
};

const SOURCE_ID = randomUUID();
const deadline = Date.now() + config.maxSeconds * 1_000;

interface Phase {
  name: string;
  events: number;
  handled: number;
  seconds: number;
  eventsPerSecond: number;
  producerCommitsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  complete: boolean;
}

/** Producer commit times and handler commit times, matched by event id whichever comes first. */
class LatencyRecorder {
  private readonly committedAt = new Map<string, number>();
  private readonly handledAt = new Map<string, number>();
  readonly latencies: number[] = [];
  firstCommit = Number.POSITIVE_INFINITY;
  lastHandled = 0;

  committed(id: string, at: number): void {
    this.firstCommit = Math.min(this.firstCommit, at);
    const handled = this.handledAt.get(id);
    if (handled === undefined) this.committedAt.set(id, at);
    else {
      this.handledAt.delete(id);
      this.latencies.push(handled - at);
    }
  }

  handled(id: string, at: number): void {
    this.lastHandled = Math.max(this.lastHandled, at);
    const committed = this.committedAt.get(id);
    if (committed === undefined) this.handledAt.set(id, at);
    else {
      this.committedAt.delete(id);
      this.latencies.push(at - committed);
    }
  }

  percentile(p: number): number {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    if (sorted.length === 0) return Number.NaN;
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }
}

function listingEvent(externalId: string): EventOf<'raw.listing.captured'> {
  return createEvent('raw.listing.captured', {
    producer: 'bench',
    subject: subjects.listing(SOURCE_ID, externalId),
    data: {
      sourceId: SOURCE_ID,
      sourceKind: 'SHOPIFY',
      distributorId: null,
      externalId,
      url: `https://shop.example/products/${externalId}`,
      bandNames: ['Drudkh'],
      title: 'Shadow Play',
      releaseType: 'FULL_LENGTH',
      format: 'LP',
      variant: 'gatefold',
      sku: externalId,
      price: { amount: '24.99', currency: 'EUR' },
      stock: 'IN_STOCK',
      label: 'Season of Mist',
      releaseDate: { date: '2025-03-14', precision: 'DAY', text: '14.03.2025' },
      genre: 'Black Metal',
      coverUrl: null,
      contentHash: randomBytes(8).toString('hex'),
      capturedAt: new Date().toISOString(),
      initialImport: false,
    },
  });
}

async function main(): Promise<void> {
  const schema = `bench_events_${randomBytes(4).toString('hex')}`;
  const prefix = `bench:events:${randomBytes(4).toString('hex')}:`;
  // A second DataSource on the default schema creates and finally drops the benchmark schema.
  const admin = new DataSource({ type: 'postgres', url: config.databaseUrl, extra: { max: 1 } });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dataSource = new DataSource({
    type: 'postgres',
    url: config.databaseUrl,
    schema,
    extra: { options: `-c search_path=${schema}`, max: config.producers + config.concurrency + 4 },
    migrations: [...EVENT_MIGRATIONS],
  });
  const redis = new Redis(config.redisUrl);
  const bus = new RedisStreamsBus({ redis: config.redisUrl, keyPrefix: prefix, maxLen: 1_000_000 });
  const relay = new OutboxRelay({ dataSource, bus, batchSize: 500, pollIntervalMs: 50, cleanupIntervalMs: 0 });
  let subscription: Subscription | null = null;

  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.query('CREATE TABLE listings (external_id text PRIMARY KEY, content_hash text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())');
    await dataSource.query('CREATE TABLE effects (event_id uuid PRIMARY KEY, subject text NOT NULL, handled_at timestamptz NOT NULL DEFAULT now())');

    let recorder = new LatencyRecorder();
    subscription = await bus.subscribe({
      group: 'bench',
      types: ['raw.listing.captured'],
      concurrency: config.concurrency,
      handler: createIdempotentHandler<EventOf<'raw.listing.captured'>>({
        dataSource,
        consumer: 'bench',
        handle: async (event, manager) => {
          await manager.query('INSERT INTO effects (event_id, subject) VALUES ($1, $2)', [event.id, event.subject]);
        },
        afterCommit: (event) => recorder.handled(event.id, performance.now()),
      }),
    });
    relay.start();

    /** One producer transaction: a state change plus its events, then wake the relay. */
    const commit = async (events: AnyEvent[]) => {
      await dataSource.transaction(async (manager) => {
        for (const event of events) {
          if (event.type !== 'raw.listing.captured') continue;
          await manager.query(
            'INSERT INTO listings (external_id, content_hash) VALUES ($1, $2) ON CONFLICT (external_id) DO UPDATE SET content_hash = excluded.content_hash, updated_at = now()',
            [event.data.externalId, event.data.contentHash],
          );
        }
        await enqueueEvents(manager, events);
      });
      const at = performance.now();
      for (const event of events) recorder.committed(event.id, at);
      relay.notify();
    };

    const waitHandled = async (target: number) => {
      while (recorder.latencies.length < target && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return recorder.latencies.length >= target;
    };

    const summarize = (name: string, events: number, producerSeconds: number, complete: boolean): Phase => {
      const seconds = (recorder.lastHandled - recorder.firstCommit) / 1_000;
      return {
        name,
        events,
        handled: recorder.latencies.length,
        seconds: round(seconds),
        eventsPerSecond: round(recorder.latencies.length / seconds),
        producerCommitsPerSecond: round(events / producerSeconds),
        latencyMs: {
          p50: round(recorder.percentile(50)),
          p95: round(recorder.percentile(95)),
          p99: round(recorder.percentile(99)),
          max: round(recorder.percentile(100)),
        },
        complete,
      };
    };

    const phases: Phase[] = [];

    // Warm-up: connections, JIT, prepared plans. Not measured.
    await commit(Array.from({ length: 200 }, (_, index) => listingEvent(`warmup-${index}`)));
    await waitHandled(200);

    // Phase 1: saturation. Producers commit as fast as they can; the pipeline drains behind them.
    recorder = new LatencyRecorder();
    let produced = 0;
    const producerStart = performance.now();
    await Promise.all(
      Array.from({ length: config.producers }, async (_, producer) => {
        while (produced < config.events && Date.now() < deadline) {
          const size = Math.min(config.batch, config.events - produced);
          produced += size;
          await commit(Array.from({ length: size }, (_, index) => listingEvent(`p${producer}-${produced - size + index}`)));
        }
      }),
    );
    const producerSeconds = (performance.now() - producerStart) / 1_000;
    const saturationComplete = await waitHandled(produced);
    phases.push(summarize(`saturation (${config.producers} producers x ${config.batch} events/tx, consumer concurrency ${config.concurrency})`, produced, producerSeconds, saturationComplete));

    // Phase 2: a steady rate well below saturation, one event per transaction: the latency a
    // single change sees when the system is not queueing.
    recorder = new LatencyRecorder();
    const total = config.rate * config.rateSeconds;
    const intervalMs = 1_000 / config.rate;
    const rateStart = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let index = 0; index < total && Date.now() < deadline; index += 1) {
      const due = rateStart + index * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(commit([listingEvent(`rate-${index % 500}`)]));
    }
    await Promise.all(inFlight);
    const rateProducerSeconds = (performance.now() - rateStart) / 1_000;
    const rateComplete = await waitHandled(total);
    phases.push(summarize(`steady ${config.rate} events/s (1 event/tx, consumer concurrency ${config.concurrency})`, total, rateProducerSeconds, rateComplete));

    const [effects] = (await dataSource.query('SELECT count(*)::int AS n FROM effects')) as [{ n: number }];
    const report = {
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: round(os.totalmem() / 1024 ** 3),
        platform: `${os.platform()} ${os.release()}`,
      },
      versions: {
        node: process.version,
        postgres: ((await dataSource.query('SHOW server_version')) as [{ server_version: string }])[0].server_version,
        redis: /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown',
        ioredis: await packageVersion('ioredis'),
        typeorm: await packageVersion('typeorm'),
        pg: await packageVersion('pg'),
      },
      config: { ...config, databaseUrl: undefined, redisUrl: undefined },
      phases,
      effectRows: effects.n,
      expectedEffectRows: 200 + produced + total,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const [saturation, steady] = phases as [Phase, Phase];
    writeSummary('events', short, [
      { case: 'saturation', metric: 'throughput', value: saturation.eventsPerSecond, unit: 'events/s' },
      { case: 'saturation', metric: 'latency p50', value: saturation.latencyMs.p50, unit: 'ms' },
      { case: 'saturation', metric: 'latency p99', value: saturation.latencyMs.p99, unit: 'ms' },
      { case: `steady ${config.rate}/s`, metric: 'latency p50', value: steady.latencyMs.p50, unit: 'ms' },
      { case: `steady ${config.rate}/s`, metric: 'latency p99', value: steady.latencyMs.p99, unit: 'ms' },
    ]);
  } finally {
    await relay.stop();
    await subscription?.stop();
    await bus.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.destroy();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

async function packageVersion(name: string): Promise<string> {
  const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

await main();

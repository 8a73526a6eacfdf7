/**
 * Child process of the gateway benchmark: every subgraph on a free port against real
 * PostgreSQL (fresh `<prefix>_*` schemas) and Redis (own key prefix), a seeded dataset, and the
 * supergraph composed from the running subgraphs' URLs. Reports `{ supergraphPath, subgraphs }`
 * to the parent over IPC; stops and drops its schemas on 'stop' (or when the parent goes away).
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { createEventBus, createLivePubSub } from '@mrt/events';
import { startSubgraph, type RunningSubgraph } from '@mrt/graphql-kit';
import { JWKS_PATH, createLogger, createRedis, parseEnv, stableUuid, tokenVerifierFromEnv, type Authenticate } from '@mrt/platform';
import { dropSchema } from '@mrt/platform/testing';
import { SUBGRAPHS, composeSupergraph, compositionProblems, emitSubgraphSdls, launcherEnvSchema } from '@mrt/supergraph';
import { BENCH_OPERATOR, seedBenchData, type SeedSize } from './seed.js';
import { answerProbes } from './process-probe.js';

export interface HostReady {
  kind: 'ready';
  supergraphPath: string;
  /** Redis keys under it are deleted when the host stops: the gateways use it too. */
  redisPrefix: string;
  subgraphs: Record<string, string>;
  /** Subgraph name -> its PostgreSQL schema (the ceiling handler reads them directly). */
  schemas: Record<string, string>;
  seeded: { releases: number; offers: number; bands: number; distributors: number };
  /** Its process id: a benchmark in the shared layout unpins a host `pnpm bench` pinned. */
  pid: number;
}

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const size: SeedSize = JSON.parse(process.argv[2] ?? '{"releases":3000,"bands":1000}') as SeedSize;
const prefix = `benchgw_${process.pid}_${Date.now().toString(36)}`;
const redisPrefix = `${prefix}:`;
// The demo seeds give the shops (catalog) and their shipping rules and euro rates (delivery).
const SEEDED = new Set(['catalog', 'delivery']);

const envSource: Record<string, string | undefined> = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: redisPrefix,
  DB_POOL_SIZE: '10',
  ADMIN_EMAIL: BENCH_OPERATOR.email,
  ADMIN_PASSWORD: BENCH_OPERATOR.password,
  // The traffic benchmark signs up its fans from one address, and their tokens outlive a run.
  REGISTER_MAX_PER_IP: '100000',
  LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
  ACCESS_TOKEN_TTL_SECONDS: '3600',
  // Other gateways (and direct calls) are measured against the same subgraphs: no shared secret.
  GATEWAY_SECRET_REQUIRED: 'false',
  SUBGRAPH_DIRECT_RATE_LIMIT: '0',
};
const env = parseEnv(launcherEnvSchema, { ...envSource, SEED_DEMO_DATA: 'false' });
const logger = createLogger({ name: 'bench-subgraphs', level: 'warn' });
const bus = createEventBus({ redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, logger });
const live = createLivePubSub({ redisUrl, keyPrefix: redisPrefix });
const running: RunningSubgraph[] = [];
const supergraphPath = path.join(tmpdir(), `${prefix}-supergraph.graphql`);
const schemaOf = (name: string) => `${prefix}_${SUBGRAPHS.find((m) => m.name === name)!.dbSchema}`;

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    for (const subgraph of [...running].reverse()) await subgraph.stop().catch(() => undefined);
    await bus.close();
    await live.close();
    for (const module of SUBGRAPHS) await dropSchema(databaseUrl, `${prefix}_${module.dbSchema}`).catch(() => undefined);
    const redis = createRedis(redisUrl);
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await rm(supergraphPath, { force: true });
  })());

process.on('message', (message) => {
  if (message === 'stop') void stop().then(() => process.exit(0));
});
process.on('disconnect', () => void stop().then(() => process.exit(0)));
answerProbes('subgraphs', { countSql: true });

try {
  let authenticate: Authenticate | undefined;
  for (const module of SUBGRAPHS) {
    running.push(
      await startSubgraph(module, {
        envSource,
        authenticate,
        bus,
        live,
        logger,
        port: 0,
        seedDemo: SEEDED.has(module.name),
        defaultMetrics: false,
        dbSchema: schemaOf(module.name),
      }),
    );
    // As the launcher does: users comes first, and the others verify tokens with its keys.
    if (module.name === 'users') authenticate = tokenVerifierFromEnv(env, `${running.at(-1)!.url}${JWKS_PATH}`);
  }
  const urls = Object.fromEntries(running.map((r) => [r.subgraph.name, `${r.url}/graphql`]));
  const composition = composeSupergraph(emitSubgraphSdls(SUBGRAPHS).map((s) => ({ ...s, url: urls[s.name]! })));
  const problems = compositionProblems(composition);
  if (!composition.supergraphSdl || problems.length > 0) throw new Error(`composition failed:\n${problems.join('\n')}`);
  await writeFile(supergraphPath, composition.supergraphSdl);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const seeded = await seedBenchData(client, {
    catalog: schemaOf('catalog'),
    releases: schemaOf('releases'),
    size,
    distributorIds: (await client.query<{ slug: string }>(`SELECT slug FROM ${schemaOf('catalog')}.distributor ORDER BY slug`)).rows.map((r) =>
      stableUuid('distributor', r.slug),
    ),
  });
  await client.end();
  const schemas = Object.fromEntries(SUBGRAPHS.map((module) => [module.name, schemaOf(module.name)]));
  const ready: HostReady = { kind: 'ready', supergraphPath, redisPrefix, subgraphs: urls, schemas, seeded, pid: process.pid };
  process.send!(ready);
} catch (error) {
  console.error(error);
  await stop();
  process.exit(1);
}

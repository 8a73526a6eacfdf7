import {
  createEventMetrics,
  loggerFromEnv,
  parseEnv,
  createRedis,
  createServiceMetrics,
  initTracing,
  loadEnvOrExit,
  onShutdownSignal,
  openDatabase,
  tokenVerifierFromEnv,
  createSessionRevocations,
  revocationsUnavailableReporter,
  type BaseEnv,
  type DatabaseLocation,
  type Logger,
  type Redis,
  type SessionRevocations,
} from '@mrt/platform';
import { createEventBus, createLivePubSub, type EventBus, type LivePubSub } from '@mrt/events';
import { gatewaySecretFromEnv } from './gateway-secret.js';
import type { Authenticate } from './context.js';
import { createSubgraphEvents, eventMigrations } from './events/subgraph-events.js';
import type { Subgraph, SubgraphEnv, SubgraphModule } from './subgraph.js';

export interface StartSubgraphOptions {
  /** Raw variables (process.env, passed in by an env.ts); parsed with the module's schema. */
  envSource: Record<string, string | undefined>;
  /** Overrides the module's PORT variable (the one-process launcher assigns ports). */
  port?: number;
  /** Shared by the one-process launcher; a standalone subgraph makes its own. */
  logger?: Logger;
  /** Run the module's demo seed after migrations. */
  seedDemo?: boolean;
  /** Only one registry per process should carry process-wide metrics. */
  defaultMetrics?: boolean;
  /** Overrides the module's own PostgreSQL schema name (tests use unique names). */
  dbSchema?: string;
  /** Token verification shared by the launcher's subgraphs; otherwise built from JWKS_URL. */
  authenticate?: Authenticate;
  /** Ended sessions shared by the launcher's subgraphs and gateway; otherwise Redis from REDIS_URL (or this process's own). */
  revocations?: SessionRevocations;
  /** One bus shared by the launcher's subgraphs; otherwise the subgraph makes (and closes) its own. */
  bus?: EventBus;
  /** One live pub/sub shared with the launcher's gateway; otherwise made from REDIS_URL. */
  live?: LivePubSub;
}

export interface RunningSubgraph {
  subgraph: Subgraph;
  url: string;
  stop(): Promise<void>;
}

export function databaseLocation(env: BaseEnv): DatabaseLocation {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE }
    : { kind: 'embedded', dataDir: env.DATA_DIR };
}

/**
 * Opens a subgraph's dependencies from the environment, starts it and listens: the single
 * path both `main.ts` and the one-process launcher take, so they cannot drift apart.
 */
export async function startSubgraph<TEnv extends SubgraphEnv>(
  module: SubgraphModule<TEnv>,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const env = parseEnv(module.envSchema, options.envSource);
  const gatewaySecret = gatewaySecretFromEnv(env);
  const tracing = initTracing({ serviceName: module.name, otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = (options.logger ?? loggerFromEnv(module.name, env)).child({ subgraph: module.name });
  const db = await openDatabase({
    location: databaseLocation(env),
    schema: options.dbSchema ?? module.dbSchema,
    entities: module.entities,
    migrations: [...eventMigrations, ...module.migrations],
    logger,
  });
  const metrics = createServiceMetrics(module.name, { defaults: options.defaultMetrics ?? true });
  const eventMetrics = createEventMetrics(metrics.registry);
  const ownBus = options.bus ? undefined : createEventBus({ redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, logger, metrics: eventMetrics });
  const bus = options.bus ?? ownBus!;
  // Request-path work uses this client (rate limits, readiness): it must fail fast. Live pushes
  // are published on it too: fire-and-forget, nothing to gain from queueing them.
  const redis: Redis | undefined = env.REDIS_URL ? createRedis(env.REDIS_URL, logger, module.name, { failFast: true }) : undefined;
  const ownLive = options.live
    ? undefined
    : createLivePubSub({ redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, publisher: redis, logger, metrics: eventMetrics });
  const live = options.live ?? ownLive!;
  const revocations = options.revocations ?? createSessionRevocations(redis, env.REDIS_KEY_PREFIX);
  try {
    if (options.seedDemo) await module.seedDemo?.(db, env);
    const subgraph = module.createSubgraph({
      env,
      db,
      events: createSubgraphEvents(module.name, db, bus, { logger, metrics: eventMetrics }),
      authenticate:
        options.authenticate ??
        tokenVerifierFromEnv(env, undefined, { revocations, onRevocationsUnavailable: revocationsUnavailableReporter((message, err) => logger.warn({ err }, message)) }),
      revocations,
      logger,
      redis,
      live,
      metrics,
      introspection: env.NODE_ENV !== 'production',
      gatewaySecret,
    });
    await subgraph.start();
    const url = await subgraph.listen(options.port ?? env.PORT, env.HOST);
    logger.info({ url: `${url}/graphql` }, 'subgraph listening');
    return {
      subgraph,
      url,
      stop: async () => {
        await subgraph.stop();
        await ownBus?.close();
        await ownLive?.close();
        await tracing.shutdown();
        redis?.disconnect();
        await db.close();
      },
    };
  } catch (error) {
    await ownBus?.close();
    await ownLive?.close();
    redis?.disconnect();
    await db.close();
    throw error;
  }
}

/** Entry point of a standalone subgraph process (`node dist/main.js`). */
export async function runSubgraph<TEnv extends SubgraphEnv>(
  module: SubgraphModule<TEnv>,
  envSource: Record<string, string | undefined>,
): Promise<void> {
  const env = loadEnvOrExit(module.envSchema, envSource);
  const logger = loggerFromEnv(module.name, env);
  const running = await startSubgraph(module, { envSource, logger });
  onShutdownSignal(logger, running.stop);
}

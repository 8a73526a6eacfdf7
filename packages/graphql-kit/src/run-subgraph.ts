import {
  createLogger,
  createRedis,
  createServiceMetrics,
  onShutdownSignal,
  openDatabase,
  type BaseEnv,
  type DatabaseLocation,
  type Logger,
  type Redis,
} from '@mrt/platform';
import type { Subgraph, SubgraphModule } from './subgraph.js';

export interface StartSubgraphOptions {
  env: BaseEnv;
  port: number;
  /** Shared by the one-process launcher; a standalone subgraph makes its own. */
  logger?: Logger;
  /** Run the module's demo seed after migrations. */
  seedDemo?: boolean;
  /** Only one registry per process should carry process-wide metrics. */
  defaultMetrics?: boolean;
  /** Overrides the module's own PostgreSQL schema name (tests use unique names). */
  dbSchema?: string;
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
export async function startSubgraph(module: SubgraphModule, options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const { env } = options;
  const logger = (options.logger ?? createLogger({ name: module.name, level: env.LOG_LEVEL })).child({ subgraph: module.name });
  const db = await openDatabase({
    location: databaseLocation(env),
    schema: options.dbSchema ?? module.dbSchema,
    entities: module.entities,
    migrations: module.migrations,
    logger,
  });
  let redis: Redis | undefined;
  try {
    if (options.seedDemo) await module.seedDemo?.(db);
    redis = env.REDIS_URL ? createRedis(env.REDIS_URL, logger, module.name) : undefined;
    const subgraph = module.createSubgraph({
      db,
      logger,
      redis,
      metrics: createServiceMetrics(module.name, { defaults: options.defaultMetrics ?? true }),
      introspection: env.NODE_ENV !== 'production',
    });
    await subgraph.start();
    const url = await subgraph.listen(options.port, env.HOST);
    logger.info({ url: `${url}/graphql` }, 'subgraph listening');
    return {
      subgraph,
      url,
      stop: async () => {
        await subgraph.stop();
        redis?.disconnect();
        await db.close();
      },
    };
  } catch (error) {
    redis?.disconnect();
    await db.close();
    throw error;
  }
}

/** Entry point of a standalone subgraph process (`node dist/main.js`). */
export async function runSubgraph(module: SubgraphModule, env: BaseEnv & { PORT: number }): Promise<void> {
  const logger = createLogger({ name: module.name, level: env.LOG_LEVEL });
  const running = await startSubgraph(module, { env, port: env.PORT, logger });
  onShutdownSignal(logger, running.stop);
}

import { startSubgraph, type RunningSubgraph } from '@mrt/graphql-kit';
import { gatewayEnvSchema, startGateway, type RunningGateway } from '@mrt/gateway';
import { randomBytes } from 'node:crypto';
import { createEventBus, createLivePubSub } from '@mrt/events';
import {
  JWKS_PATH,
  createEventMetrics,
  createRedis,
  loggerFromEnv,
  MemorySessionRevocations,
  RedisSessionRevocations,
  revocationsUnavailableReporter,
  createServiceMetrics,
  parseEnv,
  tokenVerifierFromEnv,
  type Authenticate,
  type Logger,
} from '@mrt/platform';
import { composeSupergraph, emitSubgraphSdls } from './compose.js';
import { subgraphPort, type LauncherEnv } from './env.js';
import { SUBGRAPHS } from './registry.js';
import { compositionProblems } from './schema-files.js';
import { repositoryWebDist } from './web-dist.js';

export interface StartSupergraphOptions {
  env: LauncherEnv;
  /** Raw variables each subgraph parses with its own schema (ADMIN_EMAIL, ...). */
  envSource: Record<string, string | undefined>;
  logger?: Logger;
  /** Prefix for every subgraph's PostgreSQL schema (tests isolate runs this way). */
  dbSchemaPrefix?: string;
}

export interface RunningSupergraph {
  gatewayUrl: string;
  subgraphs: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts every subgraph on its own port, composes the supergraph from the running subgraphs'
 * actual URLs and puts the gateway in front: `pnpm start` and the e2e specs both come here.
 */
export async function startSupergraph(options: StartSupergraphOptions): Promise<RunningSupergraph> {
  const { env } = options;
  const logger = options.logger ?? loggerFromEnv('supergraph', env);
  const running: RunningSubgraph[] = [];
  let gateway: RunningGateway | undefined;
  // One bus for all: in embedded mode it is the only way events cross subgraphs. Its metrics
  // show on the gateway's /metrics, the process's front door.
  const gatewayMetrics = createServiceMetrics('gateway');
  const backbone = { redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, logger, metrics: createEventMetrics(gatewayMetrics.registry) };
  const bus = createEventBus(backbone);
  // Live pushes from notifications to the gateway: in-process without Redis, like the bus.
  const live = createLivePubSub(backbone);
  // The gateway and the subgraphs of this process share a secret the subgraphs insist on; one
  // made up per start when none is configured, since nothing outside this process needs it.
  const gatewaySecret = env.GATEWAY_SHARED_SECRET ?? randomBytes(32).toString('base64url');
  // Ended sessions: users marks them, the one verifier of this process reads them. Without Redis
  // the marks live in this process, which is the whole supergraph.
  const sessionsRedis = env.REDIS_URL ? createRedis(env.REDIS_URL, logger, 'sessions', { failFast: true }) : undefined;
  const revocations = sessionsRedis ? new RedisSessionRevocations(sessionsRedis, env.REDIS_KEY_PREFIX) : new MemorySessionRevocations();
  const stopAll = async () => {
    await gateway?.stop();
    // Reverse order: the last started is the first stopped, the shared database closes last.
    for (const subgraph of [...running].reverse()) await subgraph.stop();
    await bus.close();
    await live.close();
    sessionsRedis?.disconnect();
  };

  try {
    // One at a time: in embedded mode they share one PGlite session anyway, and migrations
    // are serialised by an advisory lock on a real server.
    let authenticate: Authenticate | undefined;
    for (const module of SUBGRAPHS) {
      running.push(
        await startSubgraph(module, {
          envSource: { ...options.envSource, ...launcherOverrides(env), HOST: env.SUBGRAPH_HOST, GATEWAY_SHARED_SECRET: gatewaySecret },
          authenticate,
          revocations,
          bus,
          live,
          logger,
          port: subgraphPort(env, module.name),
          seedDemo: env.SEED_DEMO_DATA,
          defaultMetrics: false,
          dbSchema: options.dbSchemaPrefix ? `${options.dbSchemaPrefix}_${module.dbSchema}` : undefined,
        }),
      );
      // users comes first; everything after verifies tokens with the keys it publishes.
      if (module.name === 'users') {
        const onRevocationsUnavailable = revocationsUnavailableReporter((message, err) => logger.warn({ err }, message));
        authenticate = tokenVerifierFromEnv(env, `${running.at(-1)!.url}${JWKS_PATH}`, { revocations, onRevocationsUnavailable });
      }
    }
    const urls = Object.fromEntries(running.map((r) => [r.subgraph.name, `${r.url}/graphql`]));
    const supergraphSdl = composeRunningSupergraph(urls);
    // The gateway reads its own settings (limits, rate limits, ...) from the same variables.
    const gatewayEnv = parseEnv(gatewayEnvSchema, {
      ...options.envSource,
      ...launcherOverrides(env),
      GATEWAY_SHARED_SECRET: gatewaySecret,
      PORT: String(env.PORT),
      SUPERGRAPH_PATH: '(composed in process)',
      SUPERGRAPH_POLL_MS: '0',
      ...webDist(env),
    });
    gateway = await startGateway(
      gatewayEnv,
      { logger, supergraphSdl, subgraphUrls: urls, metrics: gatewayMetrics, authenticate, live, bus },
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { gatewayUrl: `${gateway.url}/graphql`, subgraphs: Object.fromEntries(running.map((r) => [r.subgraph.name, r.url])), stop: stopAll };
}

/** The supergraph of every registered subgraph at the GraphQL URLs they actually listen on. */
export function composeRunningSupergraph(graphqlUrls: Record<string, string>): string {
  const composition = composeSupergraph(emitSubgraphSdls(SUBGRAPHS).map((subgraph) => ({ ...subgraph, url: graphqlUrls[subgraph.name]! })));
  const problems = compositionProblems(composition);
  if (!composition.supergraphSdl || problems.length > 0) {
    throw new Error(`Supergraph composition failed:\n${problems.join('\n')}`);
  }
  return composition.supergraphSdl;
}

function webDist(env: LauncherEnv): { WEB_DIST_DIR?: string } {
  const dir = env.WEB_DIST_DIR ?? repositoryWebDist();
  return dir ? { WEB_DIST_DIR: dir } : {};
}

/** What the launcher decides for every subgraph, whatever the environment says. */
function launcherOverrides(env: LauncherEnv): Record<string, string> {
  const overrides: Record<string, string> = { NODE_ENV: env.NODE_ENV, LOG_LEVEL: env.LOG_LEVEL, HOST: env.HOST, DATA_DIR: env.DATA_DIR };
  if (env.DATABASE_URL) overrides.DATABASE_URL = env.DATABASE_URL;
  if (env.REDIS_URL) overrides.REDIS_URL = env.REDIS_URL;
  // The demo sources read the sample shops through the real fetcher, so they must be served.
  if (env.SEED_DEMO_DATA) overrides.SAMPLE_SHOPS_PORT = String(env.SAMPLE_SHOPS_PORT);
  // ...and they listen on loopback, which sources may reach only when allowed (an explicit false wins).
  if (env.SEED_DEMO_DATA) overrides.SOURCE_ALLOW_PRIVATE_HOSTS = String(env.SOURCE_ALLOW_PRIVATE_HOSTS ?? true);
  return overrides;
}

import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { gatewaySecretFromEnv } from '@mrt/graphql-kit';
import {
  loggerFromEnv,
  createRedis,
  createEventMetrics,
  createServiceMetrics,
  initTracing,
  tokenVerifierFromEnv,
  RedisSessionRevocations,
  revocationsUnavailableReporter,
  type Authenticate,
  type Logger,
  type ServiceMetrics,
} from '@mrt/platform';
import { subgraphUrlOverrides, subscriptionLimits, type GatewayEnv } from './env.js';
import { loadTrustedManifest } from './persisted/trusted-documents.js';
import { createEventBus, createLivePubSub, type EventBus, type LivePubSub } from '@mrt/events';
import { createGateway, type Gateway } from './server.js';
import { gatewaySettingsFromEnv } from './settings.js';

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  stop(): Promise<void>;
}

/** Reads the supergraph and starts the gateway: shared by main.ts and the one-process launcher. */
export async function startGateway(
  env: GatewayEnv,
  options: {
    logger?: Logger;
    supergraphSdl?: string;
    subgraphUrls?: Record<string, string>;
    defaultMetrics?: boolean;
    /** Given by the one-process launcher, which also reports the shared event bus there. */
    metrics?: ServiceMetrics;
    authenticate?: Authenticate;
    /** Shared with the subgraphs by the one-process launcher; otherwise Redis pub/sub from REDIS_URL. */
    live?: LivePubSub;
    /** The launcher's shared bus; otherwise Redis streams from REDIS_URL carry the change events. */
    bus?: EventBus;
  } = {},
): Promise<RunningGateway> {
  const logger = options.logger ?? loggerFromEnv('gateway', env);
  const gatewaySecret = gatewaySecretFromEnv(env);
  const tracing = initTracing({ serviceName: 'gateway', otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  const supergraphSdl = options.supergraphSdl ?? (await readFile(env.SUPERGRAPH_PATH, 'utf8'));
  const trusted = env.TRUSTED_DOCUMENTS_ONLY ? await loadTrustedManifest(env.TRUSTED_DOCUMENTS_PATH) : null;
  // Rate limits, APQ and connection counts ask Redis on the request path: fail fast, fall back.
  const redis = env.REDIS_URL ? createRedis(env.REDIS_URL, logger, 'gateway', { failFast: true }) : undefined;
  const metrics = options.metrics ?? createServiceMetrics('gateway', { defaults: options.defaultMetrics ?? true });
  const backbone = { redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, logger, metrics: createEventMetrics(metrics.registry) };
  const ownLive = options.live ? undefined : createLivePubSub({ ...backbone, publisher: redis });
  if (ownLive && !env.REDIS_URL) logger.warn('no REDIS_URL: live subscriptions only receive pushes from this process');
  // Change events reach the response cache over the bus; without Redis only the launcher's bus has any.
  const ownBus = env.RESPONSE_CACHE_ENABLED && !options.bus && env.REDIS_URL ? createEventBus(backbone) : undefined;
  const gateway = createGateway({
    supergraphSdl,
    subgraphUrls: { ...options.subgraphUrls, ...subgraphUrlOverrides(env) },
    logger,
    metrics,
    introspection: env.INTROSPECTION ?? env.NODE_ENV !== 'production',
    // Ended sessions (users marks them in Redis): one GET per request carrying a token.
    authenticate:
      options.authenticate ??
      tokenVerifierFromEnv(
        env,
        undefined,
        redis ? { revocations: new RedisSessionRevocations(redis, env.REDIS_KEY_PREFIX), onRevocationsUnavailable: revocationsUnavailableReporter((message, err) => logger.warn({ err }, message)) } : undefined,
      ),
    trustProxy: env.TRUST_PROXY,
    settings: gatewaySettingsFromEnv(env, trusted),
    redis,
    gatewaySecret,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    subscriptions: { live: options.live ?? ownLive!, limits: subscriptionLimits(env) },
    webDistDir: env.WEB_DIST_DIR,
    bus: options.bus ?? ownBus,
    cacheEventGroup: env.RESPONSE_CACHE_EVENT_GROUP ?? `gateway-cache-${hostname()}`,
  });
  await gateway.start();
  // A supergraph read from a file is reloaded when the file changes (a new composition deployed).
  if (!options.supergraphSdl && env.SUPERGRAPH_POLL_MS > 0) gateway.supergraph.watchFile(env.SUPERGRAPH_PATH, env.SUPERGRAPH_POLL_MS);
  const url = await gateway.listen(env.PORT, env.HOST);
  logger.info({ url: `${url}/graphql`, trustedDocuments: trusted?.size ?? 'off', web: env.WEB_DIST_DIR ? `${url}/` : 'off' }, 'gateway listening');
  return {
    gateway,
    url,
    stop: async () => {
      await gateway.stop();
      await ownBus?.close();
      await ownLive?.close();
      redis?.disconnect();
      await tracing.shutdown();
    },
  };
}

import { ApolloGateway } from '@apollo/gateway';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { createHttpService, createRateLimiter, createStaticSite, type HttpService, type Logger, type Redis, type ServiceMetrics } from '@mrt/platform';
import { checkOperationLimits, createGraphqlRoute, operationLimitsPlugin, type Authenticate, type OperationLimits } from '@mrt/graphql-kit';
import type { EventBus, Subscription } from '@mrt/events';
import { createGatewayContext, type GatewayContext } from './context.js';
import { withCors } from './http/cors.js';
import { feedProxyRoutes } from './http/feed-proxy.js';
import { createGatewayMetrics, type GatewayMetrics } from './observability/gateway-metrics.js';
import { observabilityPlugin } from './observability/observability-plugin.js';
import { RedisKeyValueCache } from './persisted/redis-cache.js';
import { checkTrustedDocument, trustedDocumentsPlugin } from './persisted/trusted-documents.js';
import { createRateLimitGuard } from './rate-limit/rate-limit.js';
import { subscribeCacheInvalidation } from './response-cache/cache-invalidation.js';
import { SubgraphFetchCache } from './response-cache/fetch-cache.js';
import { indexFieldOwners, type FieldOwners } from './response-cache/field-owners.js';
import { operationAnalyses } from './response-cache/operation-analysis.js';
import { ChangeMarks } from './response-cache/change-marks.js';
import { ResponseCache } from './response-cache/response-cache.js';
import { responseCachePlugin } from './response-cache/response-cache-plugin.js';
import { createPooledFetcher } from './resilience/pooled-fetcher.js';
import { ResilientDataSource } from './resilience/resilient-data-source.js';
import { createSupergraphSource, type SupergraphSource } from './resilience/supergraph-source.js';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from './settings.js';
import { attachSubscriptions, type GatewaySubscriptionOptions } from './subscriptions/index.js';

export interface GatewayDeps {
  supergraphSdl: string;
  /** Subgraph name -> URL; names missing here use the supergraph's routing URL. */
  subgraphUrls?: Record<string, string>;
  logger: Logger;
  metrics: ServiceMetrics;
  introspection?: boolean;
  /** Verifies bearer tokens; without it every caller is anonymous. */
  authenticate?: Authenticate;
  /** Believe x-forwarded-for from the client (only behind a trusted reverse proxy). */
  trustProxy?: boolean;
  /** Limits, persisted operations, rate limits, subgraph resilience; defaults where not given. */
  settings?: Partial<GatewaySettings>;
  /** Sent on every subgraph request (x-gateway-secret): subgraphs answer nobody else. */
  gatewaySecret?: string;
  /**
   * Shares APQ registrations, rate-limit budgets and connection counts across replicas;
   * in-process without it. Give a fail-fast client (createRedis's `failFast`): while Redis is
   * away each of these falls back to something local instead of holding requests.
   */
  redis?: Redis;
  redisKeyPrefix?: string;
  /** Live subscriptions over graphql-ws on /graphql (off without a live pub/sub). */
  subscriptions?: GatewaySubscriptionOptions;
  /** A built web app served at `/` (index.html for client routes); /graphql and the probes keep their paths. */
  webDistDir?: string;
  /** Change events that drop cached answers (the response cache lives only its TTL without). */
  bus?: EventBus;
  /** This replica's consumer group for those events; must differ between replicas. */
  cacheEventGroup?: string;
}

/**
 * The web app talks only to its own origin (HTTP and graphql-ws); covers come from the shops.
 * Vite's build has no inline scripts, so script-src stays 'self'.
 */
export const WEB_APP_HTML_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

export interface Gateway {
  http: HttpService;
  /** Swap in a new supergraph (or watch a file for one) without dropping in-flight requests. */
  supergraph: SupergraphSource;
  /** The limits in force, for the subscription server to apply the same ones. */
  limits: OperationLimits;
  gatewayMetrics: GatewayMetrics;
  /** The data source (and so the circuit breaker) of each subgraph, by name. */
  dataSources: ReadonlyMap<string, ResilientDataSource>;
  /** Shared answers of anonymous public queries; undefined when turned off. */
  responseCache: ResponseCache | undefined;
  start(): Promise<void>;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

export function createGateway(deps: GatewayDeps): Gateway {
  const { logger } = deps;
  const settings: GatewaySettings = { ...DEFAULT_GATEWAY_SETTINGS, ...deps.settings };
  const prefix = deps.redisKeyPrefix ?? 'mrt:';
  const gatewayMetrics = createGatewayMetrics(deps.metrics.registry);
  const supergraph = createSupergraphSource(deps.supergraphSdl, logger);
  const pool = createPooledFetcher(settings.subgraphs);
  const dataSources = new Map<string, ResilientDataSource>();
  let loaded = false;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    logger,
    // Called again on every supergraph update: a subgraph keeps its breaker while its URL stays.
    buildService: ({ name, url }) => {
      const target = deps.subgraphUrls?.[name] ?? url!;
      const existing = dataSources.get(name);
      if (existing?.url === target) return existing;
      const source = new ResilientDataSource(name, target, pool.fetcher, settings.subgraphs, gatewayMetrics, () => changes.mark(), deps.gatewaySecret, fetchCache);
      dataSources.set(name, source);
      return source;
    },
  });
  const changes = new ChangeMarks();
  const responseCache = settings.responseCache ? new ResponseCache({ ...settings.responseCache, marks: changes }) : undefined;
  let owners: FieldOwners = indexFieldOwners(deps.supergraphSdl);
  const publicSubgraphs = new Set(settings.publicSubgraphs);
  const analyses = operationAnalyses(() => owners, publicSubgraphs);
  const fetchCache =
    responseCache && settings.responseCache?.fetches
      ? new SubgraphFetchCache({ cache: responseCache, publicSubgraphs, analyses })
      : undefined;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    loaded = true;
    // A new composition may move fields between subgraphs: what is public is read again.
    owners = indexFieldOwners(coreSupergraphSdl);
    responseCache?.clear();
  });
  let invalidation: Subscription | undefined;
  const introspection = deps.introspection ?? false;
  const redisUnavailable = redisOutageReporter(logger, gatewayMetrics);
  const rateLimit = settings.rateLimit
    ? createRateLimitGuard(
        createRateLimiter(deps.redis, { prefix: `${prefix}ratelimit:`, onFallback: redisUnavailable('rate_limit'), maxClaim: settings.rateLimit.maxClaim }),
        settings.rateLimit,
      )
    : undefined;
  const graphql = createGraphqlRoute<GatewayContext>({
    gateway,
    logger,
    serviceName: 'gateway',
    introspection,
    metrics: deps.metrics,
    maxBodyBytes: settings.maxBodyBytes,
    maxBatchSize: settings.maxBatchSize,
    parseOptions: { maxTokens: settings.limits.maxTokens },
    persistedQueries: settings.apq.enabled
      ? { ttl: settings.apq.ttlSeconds, cache: deps.redis ? new RedisKeyValueCache(deps.redis, `${prefix}apq:`, redisUnavailable('apq')) : undefined }
      : false,
    plugins: [
      observabilityPlugin(logger, gatewayMetrics),
      operationLimitsPlugin(settings.limits, { cacheVerdicts: settings.cacheLimitVerdicts }),
      ...(settings.trustedDocuments
        ? [trustedDocumentsPlugin<GatewayContext>(settings.trustedDocuments, { isDerived: (context) => context.liveResult === true })]
        : []),
      // Also for the subgraph fetch deduplication alone: the plugin marks every mutation.
      ...(responseCache || settings.deduplicateQueries || settings.subgraphs.deduplicateFetches
        ? [
            responseCachePlugin<GatewayContext>({
              owners: () => owners,
              publicSubgraphs,
              analyses,
              cache: responseCache,
              marks: changes,
              partsExpireAt: fetchCache && ((context) => fetchCache.expiryOfParts(context)),
              deduplicate: settings.deduplicateQueries,
              onOutcome: (outcome) => gatewayMetrics.responseCache.inc({ outcome }),
              onWaiting: (waiting) => (waiting ? gatewayMetrics.responseCacheWaiting.inc() : gatewayMetrics.responseCacheWaiting.dec()),
            }),
          ]
        : []),
      introspection ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ],
    context: async (headers, remoteAddress) => {
      const context = await createGatewayContext(headers, deps.authenticate, remoteAddress, deps.trustProxy ?? false);
      try {
        await rateLimit?.(context);
      } catch (error) {
        gatewayMetrics.rateLimited.inc({ caller: context.user ? 'authenticated' : 'anonymous' });
        throw error;
      }
      return context;
    },
  });
  const http = createHttpService({
    name: 'gateway',
    logger,
    metrics: deps.metrics,
    routes: [
      withCors(graphql.route, settings.corsOrigins),
      ...feedProxyRoutes({
        notificationsUrl: () => dataSources.get('notifications')?.url ?? deps.subgraphUrls?.notifications,
        timeoutMs: settings.subgraphs.timeoutMs,
        logger,
      }),
    ],
    drainTimeoutMs: settings.drainTimeoutMs,
    staticSite: deps.webDistDir ? createStaticSite({ root: deps.webDistDir, htmlHeaders: WEB_APP_HTML_HEADERS }) : undefined,
    readiness: {
      supergraph: async () => {
        if (!loaded) throw new Error('supergraph not loaded');
      },
    },
    // Without Redis this replica still answers queries (local rate limits, APQ misses, and live
    // pushes resume with a refetch signal): it reports the outage but stays in rotation, since
    // every replica shares the same Redis and pulling them all would turn degraded into down.
    degradable: deps.redis ? { redis: pingRedis(deps.redis) } : {},
  });
  const subscriptions = deps.subscriptions
    ? attachSubscriptions({
        checkDocument: (input) => {
          // Trusted-documents mode covers subscriptions too; their result queries are then the gateway's own.
          const trusted = settings.trustedDocuments ? checkTrustedDocument(settings.trustedDocuments, input.document) : [];
          return trusted.length > 0 ? trusted : checkOperationLimits({ ...input, limits: settings.limits });
        },
        ...deps.subscriptions,
        gateway,
        apollo: graphql.apollo,
        http,
        authenticate: deps.authenticate,
        logger,
        metrics: deps.metrics,
        trustProxy: deps.trustProxy,
        redis: deps.redis,
        redisKeyPrefix: prefix,
      })
    : undefined;
  return {
    http,
    supergraph,
    limits: settings.limits,
    gatewayMetrics,
    dataSources,
    responseCache,
    start: async () => {
      if (responseCache && deps.bus) {
        invalidation = await subscribeCacheInvalidation(deps.bus, responseCache, { group: deps.cacheEventGroup ?? 'gateway-cache', logger });
      }
      await graphql.apollo.start();
      await subscriptions?.start();
    },
    listen: (port, host) => http.listen(port, host),
    stop: async () => {
      // Readiness fails at once and in-flight requests finish; upgraded sockets are no longer
      // the HTTP server's to drain, so the subscription server closes them meanwhile. Then
      // Apollo and the pool close.
      const drained = http.stop();
      await subscriptions?.stop();
      await drained;
      await graphql.apollo.stop();
      await invalidation?.stop();
      await pool.close();
    },
  };
}

function pingRedis(redis: Redis): () => Promise<void> {
  return async () => {
    await redis.ping();
  };
}

/** Counts every fallback and logs the first of each outage per feature (not one line per request). */
function redisOutageReporter(logger: Logger, metrics: GatewayMetrics) {
  const warned = new Set<string>();
  return (feature: 'rate_limit' | 'apq') =>
    (error: unknown): void => {
      metrics.redisFallbacks.inc({ feature });
      if (warned.has(feature)) return;
      warned.add(feature);
      logger.warn({ err: error, feature }, 'Redis unavailable: serving without it');
      setTimeout(() => warned.delete(feature), 60_000).unref();
    };
}

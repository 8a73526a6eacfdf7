import type { GatewayEnv } from './env.js';
import { APOLLO_STUDIO_ORIGINS } from './http/cors.js';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '@mrt/graphql-kit';
import type { TrustedManifest } from './persisted/trusted-documents.js';
import type { RateLimitPolicy } from './rate-limit/rate-limit.js';
import type { PoolOptions } from './resilience/pooled-fetcher.js';
import type { SubgraphPolicy } from './resilience/resilient-data-source.js';

/** Everything that protects the gateway, in one place; the defaults are the safe ones. */
export interface GatewaySettings {
  limits: OperationLimits;
  maxBodyBytes: number;
  maxBatchSize: number;
  corsOrigins: string[];
  apq: { enabled: boolean; ttlSeconds: number };
  /** Set: only these documents are accepted. */
  trustedDocuments: TrustedManifest | null;
  /** null turns rate limiting off. */
  rateLimit: RateLimitPolicy | null;
  subgraphs: PoolOptions & SubgraphPolicy;
  drainTimeoutMs: number;
  /** Subgraphs whose data is the same for every caller: answers reading only them may be shared. */
  publicSubgraphs: string[];
  /** Answers of anonymous queries over public subgraphs, kept ttlMs; null turns it off. */
  responseCache: ResponseCacheSettings | null;
  /** Identical anonymous queries over public data in flight at once run once. */
  deduplicateQueries: boolean;
  /** Remember, per parsed document and variables, that it passed the operation limits. */
  cacheLimitVerdicts: boolean;
}

export interface ResponseCacheSettings {
  ttlMs: number;
  /** Whole answers and subgraph fetches together. */
  maxEntries: number;
  /** Also keep subgraph fetches' answers (per entity for `_entities`), so a missed page costs only its new parts. */
  fetches: boolean;
}

export const DEFAULT_GATEWAY_SETTINGS: GatewaySettings = {
  limits: DEFAULT_OPERATION_LIMITS,
  maxBodyBytes: 100_000,
  maxBatchSize: 5,
  corsOrigins: [],
  apq: { enabled: true, ttlSeconds: 86_400 },
  trustedDocuments: null,
  rateLimit: { anonymous: { limit: 300, windowMs: 60_000 }, authenticated: { limit: 1_200, windowMs: 60_000 }, maxClaim: 100 },
  subgraphs: {
    timeoutMs: 10_000,
    maxSockets: 64,
    retries: 2,
    retryBaseMs: 100,
    breakerFailureThreshold: 5,
    breakerResetMs: 10_000,
    deduplicateFetches: true,
  },
  drainTimeoutMs: 10_000,
  publicSubgraphs: ['catalog', 'releases', 'delivery'],
  responseCache: { ttlMs: 5_000, maxEntries: 10_000, fetches: true },
  deduplicateQueries: true,
  cacheLimitVerdicts: true,
};

export function gatewaySettingsFromEnv(env: GatewayEnv, trustedDocuments: TrustedManifest | null): GatewaySettings {
  const window = env.RATE_LIMIT_WINDOW_MS;
  return {
    limits: {
      maxDepth: env.MAX_DEPTH,
      maxAliases: env.MAX_ALIASES,
      maxRootFields: env.MAX_ROOT_FIELDS,
      maxDirectives: env.MAX_DIRECTIVES,
      maxTokens: env.MAX_TOKENS,
      maxCost: env.MAX_COST,
      defaultListSize: env.DEFAULT_LIST_SIZE,
      fieldCosts: env.FIELD_COSTS,
    },
    maxBodyBytes: env.MAX_BODY_BYTES,
    maxBatchSize: env.MAX_BATCH_SIZE,
    corsOrigins: env.CORS_ORIGINS
      ? env.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean)
      : env.NODE_ENV === 'production'
        ? []
        : APOLLO_STUDIO_ORIGINS,
    apq: { enabled: env.APQ_ENABLED, ttlSeconds: env.APQ_TTL_SECONDS },
    trustedDocuments,
    rateLimit: env.RATE_LIMIT_ENABLED
      ? {
          anonymous: { limit: env.RATE_LIMIT_ANONYMOUS, windowMs: window },
          authenticated: { limit: env.RATE_LIMIT_AUTHENTICATED, windowMs: window },
          maxClaim: env.RATE_LIMIT_MAX_CLAIM,
        }
      : null,
    subgraphs: {
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      maxSockets: env.SUBGRAPH_MAX_SOCKETS,
      retries: env.SUBGRAPH_RETRIES,
      retryBaseMs: env.SUBGRAPH_RETRY_BASE_MS,
      breakerFailureThreshold: env.BREAKER_FAILURE_THRESHOLD,
      breakerResetMs: env.BREAKER_RESET_MS,
      deduplicateFetches: env.DEDUPLICATE_SUBGRAPH_FETCHES,
    },
    drainTimeoutMs: env.DRAIN_TIMEOUT_MS,
    publicSubgraphs: env.RESPONSE_CACHE_PUBLIC_SUBGRAPHS.split(',').map((name) => name.trim()).filter(Boolean),
    responseCache: env.RESPONSE_CACHE_ENABLED
      ? { ttlMs: env.RESPONSE_CACHE_TTL_MS, maxEntries: env.RESPONSE_CACHE_MAX_ENTRIES, fetches: env.RESPONSE_CACHE_FETCHES_ENABLED }
      : null,
    deduplicateQueries: env.DEDUPLICATE_QUERIES,
    cacheLimitVerdicts: env.LIMITS_CACHE_ENABLED,
  };
}

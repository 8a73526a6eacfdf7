import { z } from 'zod';
import { GATEWAY_DEFAULT_PORT, SUBGRAPH_NAMES, baseEnvSchema, envFields, perSubgraph, subgraphVariable } from '@mrt/platform';
import { DEFAULT_SUBSCRIPTION_LIMITS, type SubscriptionLimits } from './subscriptions/subscription-limits.js';

const url = z.string().url();
const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(GATEWAY_DEFAULT_PORT),
  /** The composed supergraph the gateway plans queries with. */
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  /** USERS_URL, RAW_DATA_URL, ...: where each subgraph answers; defaults to the supergraph's routing URLs. */
  ...perSubgraph('URL', () => url.optional()),
  /** Introspection and the Sandbox landing page; on by default outside production. */
  INTROSPECTION: envFields.optionalBoolean,
  /** Set behind a reverse proxy that sets x-forwarded-for; otherwise clients could spoof it. */
  TRUST_PROXY: envFields.boolean(false),
  /** A built web app (web/dist) served at `/`, client routes falling back to its index.html; off when unset. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** Browser origins allowed by CORS, comma-separated ("*" for any); Apollo Studio's outside production. */
  CORS_ORIGINS: z.string().optional(),

  // Operation limits (codes OPERATION_TOO_DEEP, MAX_ALIASES_EXCEEDED, ...; see docs/gateway.md).
  MAX_DEPTH: count(12),
  MAX_ALIASES: count(30, 0),
  MAX_ROOT_FIELDS: count(20),
  MAX_DIRECTIVES: count(50, 0),
  MAX_TOKENS: count(3_000),
  MAX_COST: count(5_000),
  /** Assumed length of a list without a first/last/limit argument, for the cost estimate. */
  DEFAULT_LIST_SIZE: count(20),
  /** JSON object of per-field costs, e.g. {"Query.search":10}; other object fields cost 1. */
  FIELD_COSTS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      const parsed = z.record(z.string().regex(/^\w+\.\w+$/), z.number().int().min(0)).safeParse(safeJson(text));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of "Type.field": cost' });
      return z.NEVER;
    }),
  MAX_BODY_BYTES: count(100_000),
  /** Operations in one batched HTTP request; 1 turns batching off. */
  MAX_BATCH_SIZE: count(5),

  // Persisted operations.
  /** Automatic persisted queries, cached in Redis when REDIS_URL is set. */
  APQ_ENABLED: envFields.boolean(true),
  APQ_TTL_SECONDS: count(86_400),
  /** Accept only operations of the trusted documents manifest (production clients). */
  TRUSTED_DOCUMENTS_ONLY: envFields.boolean(false),
  /** Default: the manifest of @mrt/operations, generated from schema/operations with the web app's documents. */
  TRUSTED_DOCUMENTS_PATH: z.string().min(1).optional(),

  // Rate limits per window: anonymous callers by IP, signed-in callers by user id.
  RATE_LIMIT_ENABLED: envFields.boolean(true),
  RATE_LIMIT_WINDOW_MS: count(60_000),
  RATE_LIMIT_ANONYMOUS: count(300),
  RATE_LIMIT_AUTHENTICATED: count(1_200),
  /** Most requests of a caller's budget a replica claims from Redis at once (1 % of the budget at most); 1: ask on every request. */
  RATE_LIMIT_MAX_CLAIM: count(100),

  // Subgraph resilience.
  SUBGRAPH_TIMEOUT_MS: count(10_000),
  SUBGRAPH_MAX_SOCKETS: count(64),
  /** Extra attempts for a failed query fetch (mutations are never retried). */
  SUBGRAPH_RETRIES: count(2, 0),
  SUBGRAPH_RETRY_BASE_MS: count(100),
  BREAKER_FAILURE_THRESHOLD: count(5),
  BREAKER_RESET_MS: count(10_000),
  /** How often SUPERGRAPH_PATH is checked for a new supergraph; 0 turns hot reload off. */
  SUPERGRAPH_POLL_MS: count(5_000, 0),
  /** Longest wait for in-flight requests at shutdown (readiness fails first). */
  DRAIN_TIMEOUT_MS: count(10_000),

  // Response path (docs/gateway.md, "Response path").
  /** Cache answers of anonymous queries that read only public subgraphs (in process, per replica). */
  RESPONSE_CACHE_ENABLED: envFields.boolean(true),
  /** How long a cached answer is served; change events and mutations drop answers sooner. */
  RESPONSE_CACHE_TTL_MS: count(5_000),
  /** Answers and subgraph fetches together; least recently used go first. */
  RESPONSE_CACHE_MAX_ENTRIES: count(10_000),
  /** Also cache public subgraphs' fetch answers (per entity for `_entities`), dropped by the same changes as answers. */
  RESPONSE_CACHE_FETCHES_ENABLED: envFields.boolean(true),
  /** Subgraphs whose data is the same for every caller, comma-separated. */
  RESPONSE_CACHE_PUBLIC_SUBGRAPHS: z.string().default('catalog,releases,delivery'),
  /** Consumer group this replica reads change events with; must differ between replicas (default gateway-cache-<hostname>). */
  RESPONSE_CACHE_EVENT_GROUP: z.string().min(1).optional(),
  /** Identical anonymous queries over public data in flight at once are executed once. */
  DEDUPLICATE_QUERIES: envFields.boolean(true),
  /** Identical query fetches to a subgraph (same document, variables and credentials) in flight at once are sent once. */
  DEDUPLICATE_SUBGRAPH_FETCHES: envFields.boolean(true),
  /** Remember which (document, variables) passed the operation limits instead of measuring again. */
  LIMITS_CACHE_ENABLED: envFields.boolean(true),

  /** Live subscriptions (graphql-ws on /graphql): per-connection, per-user and per-process bounds. */
  SUBSCRIPTIONS_MAX_PER_CONNECTION: z.coerce.number().int().min(1).max(1000).default(DEFAULT_SUBSCRIPTION_LIMITS.maxSubscriptionsPerConnection),
  SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).max(1000).default(DEFAULT_SUBSCRIPTION_LIMITS.maxConnectionsPerUser),
  SUBSCRIPTIONS_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_SUBSCRIPTION_LIMITS.maxConnections),
  /** Results queued per subscription for a slow reader before it is disconnected (close 1008). */
  SUBSCRIPTIONS_SEND_QUEUE: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SUBSCRIPTION_LIMITS.sendQueueLength),
  SUBSCRIPTIONS_KEEPALIVE_MS: z.coerce.number().int().min(1_000).max(300_000).default(DEFAULT_SUBSCRIPTION_LIMITS.keepAliveMs),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Subgraph URL overrides by subgraph name, as named in the supergraph. */
export function subgraphUrlOverrides(env: GatewayEnv): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[subgraphVariable(name, 'URL')];
    if (url) overrides[name] = url;
  }
  return overrides;
}

export function subscriptionLimits(env: GatewayEnv): SubscriptionLimits {
  return {
    ...DEFAULT_SUBSCRIPTION_LIMITS,
    maxSubscriptionsPerConnection: env.SUBSCRIPTIONS_MAX_PER_CONNECTION,
    maxConnectionsPerUser: env.SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER,
    maxConnections: env.SUBSCRIPTIONS_MAX_CONNECTIONS,
    sendQueueLength: env.SUBSCRIPTIONS_SEND_QUEUE,
    keepAliveMs: env.SUBSCRIPTIONS_KEEPALIVE_MS,
  };
}

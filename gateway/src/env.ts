import { z } from 'zod';
import { baseEnvSchema, envFields, subgraphEnvPrefix } from '@mrt/platform';
import { DEFAULT_SUBSCRIPTION_LIMITS, type SubscriptionLimits } from './subscriptions/subscription-limits.js';

const url = z.string().url();

export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4000),
  /** The composed supergraph the gateway plans queries with. */
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  /** Where each subgraph answers; defaults to the routing URLs baked into the supergraph. */
  USERS_URL: url.optional(),
  RAW_DATA_URL: url.optional(),
  CATALOG_URL: url.optional(),
  RELEASES_URL: url.optional(),
  NOTIFICATIONS_URL: url.optional(),
  DELIVERY_URL: url.optional(),
  /** Introspection and the Sandbox landing page; on by default outside production. */
  INTROSPECTION: envFields.optionalBoolean,
  /** Set behind a reverse proxy that sets x-forwarded-for; otherwise clients could spoof it. */
  TRUST_PROXY: envFields.boolean(false),
  /** Live subscriptions (graphql-ws on /graphql): per-connection, per-user and per-process bounds. */
  SUBSCRIPTIONS_MAX_PER_CONNECTION: z.coerce.number().int().min(1).max(1000).default(DEFAULT_SUBSCRIPTION_LIMITS.maxSubscriptionsPerConnection),
  SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).max(1000).default(DEFAULT_SUBSCRIPTION_LIMITS.maxConnectionsPerUser),
  SUBSCRIPTIONS_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_SUBSCRIPTION_LIMITS.maxConnections),
  /** Results queued per subscription for a slow reader before it is disconnected (close 1008). */
  SUBSCRIPTIONS_SEND_QUEUE: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SUBSCRIPTION_LIMITS.sendQueueLength),
  SUBSCRIPTIONS_KEEPALIVE_MS: z.coerce.number().int().min(1_000).max(300_000).default(DEFAULT_SUBSCRIPTION_LIMITS.keepAliveMs),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** Subgraph URL overrides by subgraph name, as named in the supergraph. */
export function subgraphUrlOverrides(env: GatewayEnv): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`${subgraphEnvPrefix(name)}_URL` as keyof GatewayEnv];
    if (typeof url === 'string') overrides[name] = url;
  }
  return overrides;
}

const SUBGRAPH_NAMES = ['users', 'raw-data', 'catalog', 'releases', 'notifications', 'delivery'] as const;

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

import { randomUUID } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { LivePubSub } from '@mrt/events';
import type { Authenticate } from '@mrt/graphql-kit';
import { Gauge } from 'prom-client';
import type { HttpService, Logger, Redis, ServiceMetrics } from '@mrt/platform';
import type { GatewayContext } from '../context.js';
import { LocalConnectionLedger, RedisConnectionLedger } from './connection-ledger.js';
import type { LiveExecutor } from './live-hub.js';
import type { SubscriptionLimits } from './subscription-limits.js';
import { createSubscriptionServer, type DocumentCheck, type SubscriptionServer } from './subscription-server.js';

export interface GatewaySubscriptionOptions {
  live: LivePubSub;
  limits: SubscriptionLimits;
  /** The gateway's operation limits, applied to subscription documents too. */
  checkDocument?: DocumentCheck;
}

/**
 * Wires the subscription server into a gateway: the supergraph's API schema as it loads, and an
 * executor that runs derived queries through the gateway's own Apollo Server, so plugins, limits
 * and error masking apply to pushed results exactly as to HTTP queries.
 */
export function attachSubscriptions(
  options: GatewaySubscriptionOptions & {
    gateway: ApolloGateway;
    apollo: ApolloServer<GatewayContext>;
    http: HttpService;
    authenticate?: Authenticate;
    logger: Logger;
    metrics: ServiceMetrics;
    trustProxy?: boolean;
    /** Per-user connection counts shared by every replica (this replica's own without it). */
    redis?: Redis;
    redisKeyPrefix?: string;
  },
): SubscriptionServer {
  let schema: GraphQLSchema | undefined;
  options.gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    schema = apiSchema;
  });
  const execute: LiveExecutor = async (query, variables, credentials) => {
    const contextValue: GatewayContext = {
      requestId: randomUUID(),
      user: credentials?.user ?? null,
      clientIp: credentials?.clientIp ?? null,
      forwardedHeaders: credentials ? { authorization: `Bearer ${credentials.token}` } : {},
      liveResult: true,
    };
    const response = await options.apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('Incremental delivery is not expected for live results');
    return response.body.singleResult as Awaited<ReturnType<LiveExecutor>>;
  };
  const server = createSubscriptionServer({
    server: options.http.server,
    path: '/graphql',
    schema: () => schema,
    live: options.live,
    execute,
    authenticate: options.authenticate,
    logger: options.logger,
    limits: options.limits,
    checkDocument: options.checkDocument,
    trustProxy: options.trustProxy,
    connectionLedger: options.redis
      ? new RedisConnectionLedger(options.redis, { prefix: `${options.redisKeyPrefix ?? 'mrt:'}ws-connections:`, logger: options.logger })
      : new LocalConnectionLedger(),
  });
  new Gauge({
    name: 'graphql_ws_connections',
    help: 'Open graphql-ws connections on this gateway',
    registers: [options.metrics.registry],
    collect() {
      this.set(server.connections);
    },
  });
  new Gauge({
    name: 'graphql_ws_subscriptions',
    help: 'Active live subscriptions on this gateway',
    registers: [options.metrics.registry],
    collect() {
      this.set(server.subscriptions);
    },
  });
  return server;
}

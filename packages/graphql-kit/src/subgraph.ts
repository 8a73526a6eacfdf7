import type { ApolloServer } from '@apollo/server';
import type { z, ZodObject, ZodRawShape, ZodType } from 'zod';
import type { EntitySchema, MixedList, MigrationInterface } from 'typeorm';
import {
  createHttpService,
  parseProxyTrust,
  createRateLimiter,
  type BaseEnv,
  type Database,
  type HttpService,
  type ReadinessCheck,
  type Route,
  type SubgraphDescriptor,
} from '@mrt/platform';
import { createRequestContext, type RequestContext } from './context.js';
import { createGraphqlRoute } from './graphql-route.js';
import { guardSubgraphRoute } from './gateway-secret.js';
import { auditPlugin } from './audit/audit-plugin.js';
import { operationLimitsPlugin } from './limits/limits-plugin.js';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/operation-limits.js';
import type { SubgraphSchema } from './build-subgraph-schema.js';
import { EventConsumers, type EventConsumerDefinition } from './events/event-consumer.js';
import type { SubgraphDeps } from './subgraph-deps.js';

export type { SubgraphDeps } from './subgraph-deps.js';

/**
 * A subgraph measures every operation with the gateway's rules too, so one reached around the
 * gateway (or with a leaked secret) cannot be asked for more than the gateway would allow. The
 * gateway's fetches repeat parts of the client's already-checked operation plus key fields and
 * __typename, hence the larger token allowance.
 */
export const SUBGRAPH_OPERATION_LIMITS: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, maxTokens: 20_000 };

export interface Subgraph {
  name: string;
  schema: SubgraphSchema;
  /** For integration specs: `executeOperation` without HTTP. */
  apollo: ApolloServer<RequestContext>;
  http: HttpService;
  /** Starts Apollo and the subgraph's background work; call before listen. */
  start(): Promise<void>;
  listen(port: number, host?: string): Promise<string>;
  /** Drains HTTP, stops background work. The database belongs to whoever opened it. */
  stop(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string | EntitySchema>;

/** Every subgraph's settings include the port its standalone process listens on. */
export type SubgraphEnv = BaseEnv & { PORT: number };

/** A subgraph as the launcher, the schema tools and the tests see it: its registry entry plus its parts. */
export interface SubgraphModule<TEnv extends SubgraphEnv = SubgraphEnv> extends SubgraphDescriptor {
  /** The variables its standalone process reads (the compose file is checked against it). */
  envSchema: ZodObject<ZodRawShape, z.core.$strip> & ZodType<TEnv>;
  entities: ClassList;
  migrations: (new () => MigrationInterface)[];
  /** The schema alone, without dependencies: used to emit schema/<name>.graphql. */
  buildSchema(): SubgraphSchema;
  createSubgraph(deps: SubgraphDeps<TEnv>): Subgraph;
  /** Demo rows for `pnpm start`; idempotent. */
  seedDemo?(db: Database, env: TEnv): Promise<void>;
}

export interface SubgraphServerOptions {
  name: string;
  deps: SubgraphDeps<BaseEnv>;
  schema: SubgraphSchema;
  routes?: Route[];
  readiness?: Record<string, ReadinessCheck>;
  /** Events this subgraph handles; subscribed after onStart, stopped before onStop. */
  consumers?: readonly EventConsumerDefinition[];
  /** Background work (schedulers, servers) started with the subgraph. */
  onStart?: () => Promise<void>;
  onStop?: () => Promise<void>;
}

/** The wiring every subgraph shares: GraphQL route, health, readiness, metrics, shutdown. */
export function createSubgraphServer(options: SubgraphServerOptions): Subgraph {
  const { deps, name } = options;
  const proxies = parseProxyTrust(deps.env.TRUSTED_PROXIES);
  const graphql = createGraphqlRoute<RequestContext>({
    schema: options.schema.schema,
    logger: deps.logger,
    introspection: deps.introspection ?? false,
    metrics: deps.metrics,
    serviceName: name,
    parseOptions: { maxTokens: SUBGRAPH_OPERATION_LIMITS.maxTokens },
    plugins: [
      operationLimitsPlugin<RequestContext>(SUBGRAPH_OPERATION_LIMITS),
      auditPlugin({ subgraph: name, dataSource: deps.db.dataSource, logger: deps.logger }),
    ],
    context: (headers, remoteAddress) => createRequestContext(headers, deps.authenticate, remoteAddress, proxies),
  });
  const readiness: Record<string, ReadinessCheck> = { database: () => deps.db.ping(), ...options.readiness };
  const degradable: Record<string, ReadinessCheck> = {};
  if (deps.redis) {
    const redis = deps.redis;
    // Reads go on without Redis (rate limits fall back to this process's own): degraded, not down.
    degradable.redis = async () => {
      await redis.ping();
    };
  }
  const guarded = guardSubgraphRoute(graphql.route, {
    secret: deps.gatewaySecret,
    limiter: createRateLimiter(deps.redis, { prefix: `${deps.env.REDIS_KEY_PREFIX}ratelimit:${name}:` }),
    rule: deps.env.SUBGRAPH_DIRECT_RATE_LIMIT > 0 ? { limit: deps.env.SUBGRAPH_DIRECT_RATE_LIMIT, windowMs: 60_000 } : null,
  });
  const http = createHttpService({
    name,
    logger: deps.logger,
    metrics: deps.metrics,
    routes: [guarded, ...(options.routes ?? [])],
    readiness,
    degradable,
  });
  const consumers = new EventConsumers(deps, options.consumers ?? []);
  return {
    name,
    schema: options.schema,
    apollo: graphql.apollo,
    http,
    start: async () => {
      await graphql.apollo.start();
      deps.events.relay.start();
      await options.onStart?.();
      await consumers.start();
    },
    listen: (port, host) => http.listen(port, host),
    stop: async () => {
      await http.stop();
      await consumers.stop();
      await options.onStop?.();
      await deps.events.relay.stop();
      await graphql.apollo.stop();
    },
  };
}

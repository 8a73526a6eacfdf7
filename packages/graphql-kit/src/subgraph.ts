import type { ApolloServer } from '@apollo/server';
import type { z, ZodObject, ZodRawShape, ZodType } from 'zod';
import type { EntitySchema, MixedList, MigrationInterface } from 'typeorm';
import {
  createHttpService,
  parseProxyTrust,
  type BaseEnv,
  type Database,
  type HttpService,
  type ReadinessCheck,
  type Route,
  type SubgraphDescriptor,
} from '@mrt/platform';
import { createRequestContext, type RequestContext } from './context.js';
import { createGraphqlRoute } from './graphql-route.js';
import type { SubgraphSchema } from './build-subgraph-schema.js';
import { EventConsumers, type EventConsumerDefinition } from './events/event-consumer.js';
import type { SubgraphDeps } from './subgraph-deps.js';

export type { SubgraphDeps } from './subgraph-deps.js';

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
    context: (headers, remoteAddress) => createRequestContext(headers, deps.authenticate, remoteAddress, proxies),
  });
  const readiness: Record<string, ReadinessCheck> = { database: () => deps.db.ping(), ...options.readiness };
  if (deps.redis) {
    const redis = deps.redis;
    readiness.redis = async () => {
      await redis.ping();
    };
  }
  const http = createHttpService({
    name,
    logger: deps.logger,
    metrics: deps.metrics,
    routes: [graphql.route, ...(options.routes ?? [])],
    readiness,
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

import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { createLogger, createServiceMetrics, openDatabase, parseEnv, type Database, type HostResolver, type Redis, type ServiceMetrics, type SessionRevocations } from '@mrt/platform';
import { dropSchema, testEnv, uniqueName } from '@mrt/platform/testing';
import { InProcessBus, type AnyEvent, type EventBus, type LivePubSub } from '@mrt/events';
import { waitFor, waitForValue } from '@mrt/events/wait-for';

export { waitFor, waitForValue };
import { createSubgraphEvents, eventMigrations } from './events/subgraph-events.js';
import { LoaderRegistry } from './loaders.js';
import type { Subgraph, SubgraphEnv, SubgraphModule } from './subgraph.js';
import { scopesOf, type Authenticate, type AuthUser, type RequestContext, type Role } from './context.js';

export interface OperationOptions {
  variables?: Record<string, unknown>;
  /** Run as this user (as if their token had been verified); anonymous by default. */
  user?: AuthUser | null;
}

export class UnexpectedGraphqlErrors extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(`Operation failed: ${errors.map((e) => `${String(e.extensions?.code)}: ${e.message}`).join('; ')}`);
  }
}

/** A caller with these roles and the scopes the users service would sign into their token. */
export function testUser(roles: Role[], id: string = randomUUID()): AuthUser {
  return { id, roles, scopes: scopesOf(roles) };
}

export function testContext(user: AuthUser | null = null): RequestContext {
  return { requestId: 'test', user, token: null, traceparent: null, clientIp: '127.0.0.1', loaders: new LoaderRegistry() };
}

async function run(server: ApolloServer<RequestContext>, query: string, options: OperationOptions) {
  const response = await server.executeOperation({ query, variables: options.variables }, { contextValue: testContext(options.user) });
  if (response.body.kind !== 'single') throw new Error('Incremental delivery is not expected here');
  return response.body.singleResult;
}

/** Runs an operation against a subgraph's schema and fails on any error: the data or a throw. */
export async function executeOk<T = Record<string, unknown>>(server: ApolloServer<RequestContext>, query: string, options: OperationOptions = {}): Promise<T> {
  const result = await run(server, query, options);
  if (result.errors?.length) throw new UnexpectedGraphqlErrors(result.errors);
  return result.data as T;
}

/** Runs an operation expected to fail and returns its errors; throws if it succeeded. */
export async function executeErrors(server: ApolloServer<RequestContext>, query: string, options: OperationOptions = {}): Promise<readonly GraphQLFormattedError[]> {
  const result = await run(server, query, options);
  if (!result.errors?.length) throw new Error(`Expected errors, got data ${JSON.stringify(result.data)}`);
  return result.errors;
}

/**
 * A subgraph on real PostgreSQL in a fresh uniquely named schema, migrated, Apollo started,
 * not listening: what integration specs run `executeOperation` against.
 */
export async function openTestSubgraph<TEnv extends SubgraphEnv>(
  module: SubgraphModule<TEnv>,
  options: {
    seedDemo?: boolean;
    /** Variables for the module's env schema (defaults apply to the rest). */
    env?: Record<string, string>;
    authenticate?: Authenticate;
    redis?: Redis;
    /** Where ended sessions are marked (users writes them). */
    revocations?: SessionRevocations;
    /** Default: a fresh in-process bus, closed with the subgraph. */
    bus?: EventBus;
    /** Live pub/sub the subgraph publishes on (none by default). */
    live?: LivePubSub;
    /** Answers for outbound host names instead of DNS (SSRF specs: a name that rebinds). */
    outboundResolver?: HostResolver;
  } = {},
): Promise<TestSubgraph> {
  const { TEST_DATABASE_URL } = testEnv();
  const env = parseEnv(module.envSchema, { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const schema = uniqueName(`it_${module.dbSchema}`);
  const db = await openDatabase({
    location: { kind: 'postgres', url: TEST_DATABASE_URL, poolSize: 3 },
    schema,
    entities: module.entities,
    migrations: [...eventMigrations, ...module.migrations],
  });
  if (options.seedDemo) await module.seedDemo?.(db, env);
  const bus = options.bus ?? new InProcessBus();
  const metrics = createServiceMetrics(module.name, { defaults: false });
  const subgraph = module.createSubgraph({
    env,
    db,
    events: createSubgraphEvents(module.name, db, bus),
    authenticate: options.authenticate,
    redis: options.redis,
    revocations: options.revocations,
    live: options.live,
    outboundResolver: options.outboundResolver,
    logger: createLogger({ name: module.name, level: 'silent' }),
    metrics,
  });
  await subgraph.start();
  return {
    subgraph,
    metrics,
    db,
    apollo: subgraph.apollo,
    bus,
    close: async () => {
      await subgraph.stop();
      if (!options.bus) await bus.close();
      await db.close();
      await dropSchema(TEST_DATABASE_URL, schema);
    },
  };
}

export interface TestSubgraph {
  subgraph: Subgraph;
  db: Database;
  apollo: ApolloServer<RequestContext>;
  bus: EventBus;
  /** The registry behind the subgraph's /metrics. */
  metrics: ServiceMetrics;
  close(): Promise<void>;
}

/** Publishes the events in order and waits until the subgraph's consumer has recorded each in its inbox. */
export async function deliverEvents(t: Pick<TestSubgraph, 'bus' | 'db'>, ...events: AnyEvent[]): Promise<void> {
  for (const event of events) {
    await t.bus.publish([event]);
    await waitFor(async () => (await t.db.dataSource.query(`SELECT 1 FROM event_inbox WHERE event_id = $1`, [event.id])).length > 0, {
      message: `event ${event.type} ${event.id} handled`,
    });
  }
}

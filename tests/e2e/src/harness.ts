import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createRedis, parseEnv, perSubgraph, subgraphDescriptor, type SubgraphName } from '@mrt/platform';
import { dropSchema, uniqueName } from '@mrt/platform/testing';
import { SUBGRAPHS, launcherEnvSchema, startSupergraph, type RunningSupergraph } from '@mrt/supergraph';
import { freePorts } from './processes.js';

/** A running supergraph; `dbSchema` names a subgraph's PostgreSQL schema in this run. */
export interface TestSupergraph extends RunningSupergraph {
  dbSchema(subgraph: SubgraphName): string;
  /** Prefix of this run's Redis keys (event streams, rate limits). */
  redisPrefix: string;
  /** What the subgraphs require from callers (x-gateway-secret); specs calling them directly send it. */
  gatewaySecret: string;
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  status?: number;
}

/**
 * The whole supergraph on free ports. With a database URL each subgraph gets a fresh
 * uniquely-prefixed schema; without one it runs on embedded PGlite in `dataDir`.
 */
export async function startTestSupergraph(options: {
  databaseUrl?: string;
  redisUrl?: string;
  dataDir?: string;
  seed?: boolean;
  /** Further variables, e.g. ADMIN_EMAIL for the users subgraph. */
  env?: Record<string, string>;
}): Promise<TestSupergraph> {
  const prefix = options.databaseUrl ? uniqueName('e2e') : undefined;
  const redisPrefix = `${prefix ?? uniqueName('e2e')}:`;
  const gatewaySecret = randomBytes(32).toString('base64url');
  const envSource: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    // Event streams and rate limits of runs sharing one Redis stay apart.
    REDIS_KEY_PREFIX: redisPrefix,
    DATA_DIR: options.dataDir,
    DB_POOL_SIZE: '3',
    PORT: '0',
    ...perSubgraph('PORT', () => '0'),
    SEED_DEMO_DATA: String(options.seed ?? true),
    // The demo data comes from the sample shops' runs: served on a free port, parallel runs never collide.
    SAMPLE_SHOPS_PORT: String((await freePorts(1))[0]),
    // Sample shops and specs' shops listen on 127.0.0.1: sources may reach private hosts only when told so.
    SOURCE_ALLOW_PRIVATE_HOSTS: 'true',
    GATEWAY_SHARED_SECRET: gatewaySecret,
    ...options.env,
  };
  const env = parseEnv(launcherEnvSchema, envSource);
  const supergraph = await startSupergraph({ env, envSource, dbSchemaPrefix: prefix });
  return {
    ...supergraph,
    redisPrefix,
    gatewaySecret,
    dbSchema: (subgraph: SubgraphName) => `${prefix}_${subgraphDescriptor(subgraph).dbSchema}`,
    // Stopping also drops this run's schemas: other runs may share the database.
    stop: async () => {
      await supergraph.stop();
      if (options.redisUrl) {
        const redis = createRedis(options.redisUrl);
        const keys = await redis.keys(`${redisPrefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      }
      if (!options.databaseUrl || !prefix) return;
      for (const module of SUBGRAPHS) await dropSchema(options.databaseUrl, `${prefix}_${module.dbSchema}`);
    },
  };
}

/** POSTs an operation (a typed document from codegen, or text) to a GraphQL endpoint. */
export async function graphql<R = Record<string, unknown>, V extends Record<string, unknown> = Record<string, unknown>>(
  url: string,
  operation: TypedDocumentNode<R, V> | string,
  variables?: V,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<R>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: typeof operation === 'string' ? operation : print(operation), variables: variables ?? {} }),
  });
  return { ...((await response.json()) as GraphqlResponse<R>), status: response.status };
}

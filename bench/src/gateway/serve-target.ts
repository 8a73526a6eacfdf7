/**
 * Child process of the gateway benchmark: one gateway under test (the parent pins it to one
 * core), on a free port, in front of the running subgraphs. Reports `{ kind: 'listening', url }`
 * over IPC and exits on 'stop' or when the parent goes away.
 *
 *   node serve-target.js <ours|ours-nocache|ours-plain|ours-unshared|apollo|apollo-cached|hive|hive-cached|hive-unshared> <supergraph path>
 *     [redis key prefix] [response cache TTL in seconds: ours' and the -cached variants']
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RemoteGraphQLDataSource as DataSource } from '@apollo/gateway';

import type { TargetKind } from './harness.js';
import { answerProbes } from './process-probe.js';

/** Answer to 'cpu': microseconds of CPU the process has used. */
export interface GatewayCpu {
  kind: 'cpu';
  micros: number;
}

const [kind, supergraphPath, redisPrefix = `benchgw_${process.pid}:`, ttlArgument] = process.argv.slice(2) as [TargetKind, string, string?, string?];
/** Seconds a cached answer lives; ours keeps its own default unless one is given. */
const cacheTtlS = ttlArgument ? Number(ttlArgument) : undefined;
/** A subgraph's URL as the supergraph routes to it. */
function subgraphUrl(name: string): string {
  const url = new RegExp(`@join__graph\\(name: "${name}", url: "([^"]+)"\\)`).exec(supergraphSdl)?.[1];
  if (!url) throw new Error(`the supergraph has no subgraph ${name}`);
  return url;
}
/** The subgraphs whose answers depend on who asks (the others serve the same data to everyone). */
const PRIVATE_SUBGRAPHS = new Set(['users', 'notifications']);
const supergraphSdl = await readFile(supergraphPath, 'utf8');

/**
 * Our gateway as production runs it (introspection off, operation limits, APQ and rate limits
 * backed by Redis), except that the budgets are raised to 6 million a minute (100 000 req/s) so the
 * benchmark's single client address is never throttled, and the cost limit is raised to 50 000
 * for the nested and fan-out queries (their estimates exceed the default 5 000). `ours-nocache` turns
 * the response cache off (deduplication stays), `ours-answers-only` only its subgraph fetch cache
 * (whole answers still cached), `ours-plain` every response-path optimisation.
 * `ours-unshared` shares no work between client requests (response cache and both deduplications
 * off) but keeps its per-document caches (parsed document, plan, limit verdicts), as every
 * gateway keeps its plan cache: the engine comparison.
 */
async function startOurs(variant: 'default' | 'no-cache' | 'answers-only' | 'plain' | 'unshared'): Promise<{ url: string; stop(): Promise<void> }> {
  const { gatewayEnvSchema, startGateway } = await import('@mrt/gateway');
  const { parseEnv } = await import('@mrt/platform');
  const env = parseEnv(gatewayEnvSchema, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    INTROSPECTION: 'false',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: redisPrefix,
    SUPERGRAPH_PATH: supergraphPath,
    SUPERGRAPH_POLL_MS: '0',
    RATE_LIMIT_ANONYMOUS: '6000000',
    // The nested query (50 releases x offers x 3 subgraphs) is estimated at ~5 150, the fan-out higher.
    MAX_COST: '50000',
    RATE_LIMIT_AUTHENTICATED: '6000000',
    // The subgraph host accepts every caller (the other gateways send no secret either).
    GATEWAY_SECRET_REQUIRED: 'false',
    // Signed-in callers' tokens are verified with the running users subgraph's keys.
    JWKS_URL: new URL('/.well-known/jwks.json', subgraphUrl('users')).href,
    ...(variant === 'default' ? {} : variant === 'answers-only' ? { RESPONSE_CACHE_FETCHES_ENABLED: 'false' } : { RESPONSE_CACHE_ENABLED: 'false' }),
    ...(cacheTtlS === undefined ? {} : { RESPONSE_CACHE_TTL_MS: String(cacheTtlS * 1000) }),
    ...(variant === 'plain' ? { DEDUPLICATE_QUERIES: 'false', DEDUPLICATE_SUBGRAPH_FETCHES: 'false', LIMITS_CACHE_ENABLED: 'false' } : {}),
    ...(variant === 'unshared' ? { DEDUPLICATE_QUERIES: 'false', DEDUPLICATE_SUBGRAPH_FETCHES: 'false' } : {}),
  });
  const running = await startGateway(env, { supergraphSdl, defaultMetrics: false });
  return { url: `${running.url}/graphql`, stop: running.stop };
}

/** @apollo/gateway with every default, behind @apollo/server's standalone server. */
async function startApollo(): Promise<{ url: string; stop(): Promise<void> }> {
  const { ApolloGateway } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url: `${url.replace(/\/$/, '')}/graphql`, stop: () => server.stop() };
}

/**
 * @apollo/gateway with @apollo/server-plugin-response-cache as its documentation sets it up: the
 * caller's Authorization header is the session (private answers are cached per session, public
 * ones shared), and the answer's cache policy is the most restrictive of the subgraphs'
 * Cache-Control hints. Our subgraphs send none (without one @apollo/gateway treats a subgraph
 * answer as max-age 0, so nothing would be cached), so the data source adds the hint a subgraph
 * would send with `@cacheControl(maxAge: <TTL>)` on its types: PUBLIC for the public subgraphs,
 * PRIVATE for users and notifications. The caller's token is forwarded to the subgraphs (they
 * verify it themselves). The plugin has no invalidation: an answer lives its TTL.
 */
async function startApolloCached(ttlS: number): Promise<{ url: string; stop(): Promise<void> }> {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const { default: responseCachePlugin } = await import('@apollo/server-plugin-response-cache');
  interface Context {
    authorization?: string;
  }
  const dataSource = (url: string, scope: 'public' | 'private') =>
    new (class extends RemoteGraphQLDataSource<Context> {
      override willSendRequest({ request, context }: Parameters<NonNullable<DataSource<Context>['willSendRequest']>>[0]) {
        if (context.authorization) request.http?.headers.set('authorization', context.authorization);
      }
      override didReceiveResponse({ response }: Parameters<NonNullable<DataSource<Context>['didReceiveResponse']>>[0]) {
        response.http?.headers.set('cache-control', `max-age=${ttlS}, ${scope}`);
        return response;
      }
    })({ url });
  const gateway = new ApolloGateway({ supergraphSdl, buildService: ({ name, url }) => dataSource(url!, PRIVATE_SUBGRAPHS.has(name) ? 'private' : 'public') });
  const server = new ApolloServer<Context>({
    gateway,
    plugins: [responseCachePlugin<Context>({ sessionId: async (context) => context.request.http?.headers.get('authorization') ?? null })],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url: `${url.replace(/\/$/, '')}/graphql`, stop: () => server.stop() };
}

/**
 * @graphql-hive/gateway's runtime with its defaults on the same supergraph; `unshared` turns off
 * the one default that shares work between client requests, deduplication of in-flight subgraph
 * requests (its documentation's `deduplicateInflightRequests: false` on the HTTP transport).
 */
async function startHive(variant: 'default' | 'unshared' | 'cached'): Promise<{ url: string; stop(): Promise<void> }> {
  const { createGatewayRuntime, LocalForageCacheStorage } = await import('@graphql-hive/gateway');
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: 'error',
    ...(variant === 'unshared' ? { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } } : {}),
    // The cache storage the gateway's CLI gives when none is configured (in memory under Node).
    ...(variant === 'cached' ? { cache: new LocalForageCacheStorage(), ...hiveResponseCaching(cacheTtlS ?? 30) } : {}),
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await runtime.dispose();
    },
  };
}

/**
 * Hive Gateway's built-in response caching as its documentation configures it: the session is the
 * caller's Authorization header (null, one shared cache, for anonymous callers), one TTL for
 * everything, the default cache storage, and its default invalidation: a mutation's answer drops cached answers holding the
 * entities (type and id) it returns. The token is propagated to the subgraphs, and each answer
 * says whether it came from the cache (extensions.responseCache), which the benchmark counts.
 */
function hiveResponseCaching(ttlS: number) {
  return {
    propagateHeaders: { fromClientToSubgraphs: ({ request }: { request: Request }) => ({ authorization: request.headers.get('authorization') ?? undefined }) },
    responseCaching: { session: (request: Request) => request.headers.get('authorization') ?? null, ttl: ttlS * 1000, includeExtensionMetadata: true },
  };
}

const target =
  kind === 'ours'
    ? await startOurs('default')
    : kind === 'ours-nocache'
      ? await startOurs('no-cache')
      : kind === 'ours-answers-only'
        ? await startOurs('answers-only')
      : kind === 'ours-plain'
        ? await startOurs('plain')
        : kind === 'ours-unshared'
          ? await startOurs('unshared')
          : kind === 'apollo'
            ? await startApollo()
            : kind === 'apollo-cached'
              ? await startApolloCached(cacheTtlS ?? 30)
              : await startHive(kind === 'hive-unshared' ? 'unshared' : kind === 'hive-cached' ? 'cached' : 'default');
const stop = () => void target.stop().finally(() => process.exit(0));
process.on('message', (message) => {
  if (message === 'stop') stop();
  // CPU time this gateway process has used so far (user + system): per-request cost that a
  // shared machine's contention does not distort the way it distorts throughput.
  else if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send!({ kind: 'cpu', micros: user + system } satisfies GatewayCpu);
  }
});
process.on('disconnect', stop);
answerProbes(kind);
process.send!({ kind: 'listening', url: target.url });

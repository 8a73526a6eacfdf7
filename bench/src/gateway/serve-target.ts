/**
 * Child process of the gateway benchmark: one gateway under test (the parent pins it to one
 * core), on a free port, in front of the running subgraphs. Reports `{ kind: 'listening', url }`
 * over IPC and exits on 'stop' or when the parent goes away.
 *
 *   node serve-target.js <ours|ours-nocache|ours-plain|ours-unshared|apollo|hive|hive-unshared> <supergraph path> [redis key prefix]
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { TargetKind } from './harness.js';

const [kind, supergraphPath, redisPrefix = `benchgw_${process.pid}:`] = process.argv.slice(2) as [TargetKind, string, string?];
const supergraphSdl = await readFile(supergraphPath, 'utf8');

/**
 * Our gateway as production runs it (introspection off, operation limits, APQ and rate limits
 * backed by Redis), except that the budgets are raised to 6 million a minute (100 000 req/s) so the
 * benchmark's single client address is never throttled, and the cost limit is raised to 50 000
 * for the nested and fan-out queries (their estimates exceed the default 5 000). `ours-nocache` turns
 * the response cache off (deduplication stays), `ours-plain` every response-path optimisation.
 * `ours-unshared` shares no work between client requests (response cache and both deduplications
 * off) but keeps its per-document caches (parsed document, plan, limit verdicts), as every
 * gateway keeps its plan cache: the engine comparison.
 */
async function startOurs(variant: 'default' | 'no-cache' | 'plain' | 'unshared'): Promise<{ url: string; stop(): Promise<void> }> {
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
    ...(variant === 'default' ? {} : { RESPONSE_CACHE_ENABLED: 'false' }),
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
 * @graphql-hive/gateway's runtime with its defaults on the same supergraph; `unshared` turns off
 * the one default that shares work between client requests, deduplication of in-flight subgraph
 * requests (its documentation's `deduplicateInflightRequests: false` on the HTTP transport).
 */
async function startHive(variant: 'default' | 'unshared'): Promise<{ url: string; stop(): Promise<void> }> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: 'error',
    ...(variant === 'unshared' ? { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } } : {}),
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

const target =
  kind === 'ours'
    ? await startOurs('default')
    : kind === 'ours-nocache'
      ? await startOurs('no-cache')
      : kind === 'ours-plain'
        ? await startOurs('plain')
        : kind === 'ours-unshared'
          ? await startOurs('unshared')
          : kind === 'apollo'
            ? await startApollo()
            : await startHive(kind === 'hive-unshared' ? 'unshared' : 'default');
const stop = () => void target.stop().finally(() => process.exit(0));
process.on('message', (message) => {
  if (message === 'stop') stop();
});
process.on('disconnect', stop);
process.send!({ kind: 'listening', url: target.url });

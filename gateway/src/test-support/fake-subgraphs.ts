import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createLogger, createServiceMetrics, type Logger, type Redis, type ServiceMetrics } from '@mrt/platform';
import type { Authenticate } from '@mrt/graphql-kit';
import type { EventBus } from '@mrt/events';
import { createGateway, type Gateway } from '../server.js';
import type { GatewaySettings } from '../settings.js';

export interface SubgraphRequest {
  query: string;
  variables?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

export type SubgraphHandler = (request: SubgraphRequest) => Promise<{ status?: number; body: unknown }> | { status?: number; body: unknown };

/**
 * A real HTTP subgraph with a hand-written answer: lets a spec stop it, restart it on the same
 * port, slow it down or make it fail, which a real subgraph cannot do on demand.
 */
export class FakeSubgraph {
  readonly requests: SubgraphRequest[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(
    readonly name: string,
    readonly sdl: string,
    public handler: SubgraphHandler,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const parsed = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
        const seen = { ...parsed, headers: request.headers };
        this.requests.push(seen);
        void Promise.resolve(this.handler(seen)).then(({ status, body: answer }) => {
          response.writeHead(status ?? 200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(answer));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Kills it: open connections are cut, the port refuses from now on. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export function composeFakes(subgraphs: FakeSubgraph[]): string {
  const composed = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (composed.errors) throw composed.errors[0];
  return composed.supergraphSdl;
}

export const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

export interface TestGateway {
  gateway: Gateway;
  url: string;
  base: string;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

export async function startTestGateway(
  subgraphs: FakeSubgraph[],
  options: {
    settings?: Partial<GatewaySettings>;
    redis?: Redis;
    redisKeyPrefix?: string;
    authenticate?: Authenticate;
    introspection?: boolean;
    logger?: Logger;
    bus?: EventBus;
    cacheEventGroup?: string;
  } = {},
): Promise<TestGateway> {
  const metrics = createServiceMetrics('gateway-test', { defaults: false });
  const gateway = createGateway({
    supergraphSdl: composeFakes(subgraphs),
    logger: options.logger ?? createLogger({ name: 'gateway-test', level: 'silent' }),
    metrics,
    settings: options.settings,
    redis: options.redis,
    redisKeyPrefix: options.redisKeyPrefix,
    authenticate: options.authenticate,
    introspection: options.introspection,
    bus: options.bus,
    cacheEventGroup: options.cacheEventGroup,
  });
  await gateway.start();
  const base = await gateway.listen(0, '127.0.0.1');
  return { gateway, url: `${base}/graphql`, base, metrics, stop: () => gateway.stop() };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

/** POSTs JSON (an operation, a batch, anything) and returns status, headers and parsed body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as HttpResult['body'] };
}

/** Retries `check` until it stops throwing: waits on the system, never asserts on timing. */
export async function eventually<T>(check: () => Promise<T>, { timeoutMs = 15_000, intervalMs = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestOptions } from 'node:http';
import { urlToHttpOptions } from 'node:url';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

export type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface PoolOptions {
  /** Whole request budget: connect, send, wait, read. */
  timeoutMs: number;
  /** Concurrent sockets per subgraph; requests beyond wait in the agent's queue. */
  maxSockets: number;
  /** Idle keep-alive sockets kept per subgraph. */
  maxFreeSockets: number;
}

export class SubgraphTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Subgraph did not answer within ${timeoutMs} ms`);
    this.name = 'SubgraphTimeoutError';
  }
}

/**
 * A subgraph's answer, already read: what RemoteGraphQLDataSource uses of a fetch Response
 * (status, headers.get, json, text) without a WHATWG Response around it. Wrapping each answer
 * in a Response cost a Headers object, a web stream and undici's body parsing per subgraph
 * fetch, a measurable share of the gateway's CPU on nested pages (bench:gateway-engine).
 */
export class SubgraphResponse {
  readonly headers: { get(name: string): string | null; has(name: string): boolean };

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    rawHeaders: IncomingHttpHeaders,
    private readonly body: Buffer,
  ) {
    const get = (name: string) => {
      const value = rawHeaders[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    this.headers = { get, has: (name) => get(name) !== null };
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }
}

interface Target {
  secure: boolean;
  options: RequestOptions;
}

function parseTarget(url: string): Target {
  const parsed = new URL(url);
  return { secure: parsed.protocol === 'https:', options: urlToHttpOptions(parsed) };
}

/**
 * A fetcher for RemoteGraphQLDataSource on node:http with a bounded keep-alive pool and a hard
 * timeout. Apollo's default allows unlimited sockets and waits forever on a hung subgraph.
 */
export function createPooledFetcher(options: PoolOptions): { fetcher: Fetcher; close(): void } {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxFreeSockets, scheduling: 'lifo' as const };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  // A handful of subgraph URLs, each fetched thousands of times: parsed once, not per fetch.
  const targets = new Map<string, Target>();
  const fetcher = ((url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) =>
    new Promise((resolve, reject) => {
      let target = targets.get(url);
      if (!target) {
        target = parseTarget(url);
        targets.set(url, target);
      }
      const send = target.secure ? httpsRequest : httpRequest;
      const body = init?.body ?? '';
      const request = send({
        ...target.options,
        method: init?.method ?? 'POST',
        headers: { ...init?.headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: target.secure ? httpsAgent : httpAgent,
      });
      const timer = setTimeout(() => request.destroy(new SubgraphTimeoutError(options.timeoutMs)), options.timeoutMs);
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.on('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        response.on('end', () => {
          clearTimeout(timer);
          resolve(new SubgraphResponse(url, response.statusCode ?? 502, response.statusMessage ?? '', response.headers, Buffer.concat(chunks)));
        });
      });
      request.end(body);
    })) as unknown as Fetcher;
  return {
    fetcher,
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

import type { IncomingHttpHeaders } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, type Dispatcher } from 'undici';

export type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface PoolOptions {
  /** Whole request budget: wait for a connection, connect, send, wait, read. */
  timeoutMs: number;
  /** Concurrent connections per subgraph; requests beyond wait in the pool's queue. */
  maxSockets: number;
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
  origin: string;
  path: string;
}

function parseTarget(url: string): Target {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

type FetchInit = { method?: string; headers?: Record<string, string>; body?: string };

/**
 * One subgraph fetch on undici's dispatcher API: the answer's bytes are collected straight from
 * the parser (no ClientRequest/IncomingMessage or body stream per fetch, which node:http and
 * undici's own `request` build), under one timer for the whole budget.
 */
class SubgraphFetch implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private status = 502;
  private statusText = '';
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];
  private settled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly resolve: (response: SubgraphResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timer = setTimeout(() => this.fail(new SubgraphTimeoutError(timeoutMs)), timeoutMs);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Timed out while queued for a connection: it is not sent at all.
    if (this.settled) controller.abort(new SubgraphTimeoutError(this.timeoutMs));
    else this.controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders, statusText?: string): void {
    this.status = status;
    this.headers = headers;
    this.statusText = statusText ?? '';
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.resolve(new SubgraphResponse(this.url, this.status, this.statusText, this.headers, this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks)));
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error);
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    // Closes the connection of a request in flight; a queued one is refused in onRequestStart.
    this.controller?.abort(error);
    this.reject(error);
  }
}

/**
 * A fetcher for RemoteGraphQLDataSource on undici with a bounded keep-alive pool per subgraph
 * and a hard timeout. Apollo's default allows unlimited sockets and waits forever on a hung
 * subgraph; node:http's client cost about half again undici's CPU per fetch, and a nested page
 * makes several fetches per client request.
 */
export function createPooledFetcher(options: PoolOptions): { fetcher: Fetcher; close(): Promise<void> } {
  const agent = new Agent({ connections: options.maxSockets });
  // A handful of subgraph URLs, each fetched thousands of times: parsed once, not per fetch.
  const targets = new Map<string, Target>();
  const fetcher = ((url: string, init?: FetchInit) =>
    new Promise<SubgraphResponse>((resolve, reject) => {
      let target = targets.get(url);
      if (!target) {
        target = parseTarget(url);
        targets.set(url, target);
      }
      const handler = new SubgraphFetch(url, options.timeoutMs, resolve, reject);
      agent.dispatch({ origin: target.origin, path: target.path, method: (init?.method ?? 'POST') as Dispatcher.HttpMethod, headers: init?.headers, body: init?.body ?? '' }, handler);
    })) as unknown as Fetcher;
  return { fetcher, close: () => agent.destroy() };
}

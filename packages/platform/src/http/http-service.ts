import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../metrics.js';
import type { StaticSite } from './static-site.js';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

export interface Route {
  /** Exact path, e.g. "/graphql" or "/.well-known/jwks.json". */
  path: string;
  /** Label for metrics; defaults to the path. */
  name?: string;
  handle: RequestHandler;
}

/** A named dependency check for /readyz; throws when the dependency is unusable. */
export type ReadinessCheck = () => Promise<void>;

export interface HttpServiceOptions {
  name: string;
  logger: Logger;
  metrics: ServiceMetrics;
  routes: Route[];
  readiness?: Record<string, ReadinessCheck>;
  /**
   * Dependencies the service can answer without (e.g. Redis for a service that still serves
   * reads): a failure is reported as degraded, by name, while /readyz stays 200. Failing
   * readiness would take every replica out of the load balancer at once during a shared
   * outage, turning a partial loss into a total one.
   */
  degradable?: Record<string, ReadinessCheck>;
  /** How long a dependency check may take before it counts as failed. */
  readinessTimeoutMs?: number;
  /** Longest wait for in-flight requests at shutdown before connections are cut. */
  drainTimeoutMs?: number;
  /** Answers paths no route matches (a web app's files); the routes and built-ins win. */
  staticSite?: StaticSite;
}

export interface HttpService {
  server: Server;
  /** Resolves to the base URL once listening (port 0 picks a free port). */
  listen(port: number, host?: string): Promise<string>;
  /** Readiness fails first, then no new connections, in-flight requests finish, then close. */
  stop(): Promise<void>;
  readonly draining: boolean;
}

export function createHttpService(options: HttpServiceOptions): HttpService {
  const { logger, metrics } = options;
  const readiness = options.readiness ?? {};
  const routes = new Map(options.routes.map((route) => [route.path, route]));
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const builtin: Record<string, RequestHandler> = {
    '/healthz': async (_request, response) => sendJson(response, 200, { status: 'ok', service: options.name }),
    '/readyz': async (_request, response) => {
      if (draining) return sendJson(response, 503, { status: 'draining', service: options.name });
      const timeoutMs = options.readinessTimeoutMs ?? 2_000;
      const [checks, optional] = await Promise.all([runChecks(readiness, timeoutMs), runChecks(options.degradable ?? {}, timeoutMs)]);
      const ready = Object.values(checks).every((check) => check === 'ok');
      const degraded = Object.keys(optional).filter((name) => optional[name] !== 'ok');
      const status = !ready ? 'not ready' : degraded.length > 0 ? 'degraded' : 'ready';
      sendJson(response, ready ? 200 : 503, { status, service: options.name, checks: { ...checks, ...optional }, degraded });
    },
    '/metrics': async (_request, response) => {
      const body = await metrics.registry.metrics();
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      response.end(body);
    },
  };

  const server = createServer((request, response) => {
    const started = process.hrtime.bigint();
    inFlight += 1;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = routes.get(url.pathname);
    const builtinHandler = builtin[url.pathname];
    // Static files share one metrics label: per-path labels would grow without bound.
    const routeName = route ? (route.name ?? route.path) : builtinHandler ? url.pathname : options.staticSite ? 'static' : 'unmatched';
    response.on('close', () => {
      inFlight -= 1;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.inc({ method: request.method ?? 'GET', route: routeName, status: String(response.statusCode) });
      metrics.httpDuration.observe({ method: request.method ?? 'GET', route: routeName }, seconds);
      if (response.statusCode >= 500) metrics.httpErrors.inc({ route: routeName, kind: 'http_5xx' });
      if (!response.writableFinished) metrics.httpErrors.inc({ route: routeName, kind: 'aborted' });
      if (inFlight === 0) idle?.();
    });
    if (draining) response.setHeader('connection', 'close');

    const handler: RequestHandler | undefined = route?.handle ?? builtinHandler ?? (options.staticSite ? serveStatic(options.staticSite) : undefined);
    if (!handler) return sendJson(response, 404, { error: 'not found' });
    handler(request, response, url).catch((error: unknown) => {
      logger.error({ err: error, path: url.pathname }, 'request handler failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal server error' });
      else response.end();
    });
  });
  // Keep-alive sockets outliving the load balancer's would drop requests on reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  return {
    server,
    get draining() {
      return draining;
    },
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost}:${address.port}`);
        });
      }),
    stop: async () => {
      if (draining) return;
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        const drained = new Promise<void>((resolve) => (idle = resolve));
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.drainTimeoutMs ?? 10_000).unref());
        await Promise.race([drained, timeout]);
      }
      server.closeAllConnections();
      if (server.listening) await closed;
    },
  };
}

function serveStatic(site: StaticSite): RequestHandler {
  return async (request, response, url) => {
    if (!(await site(request, response, url))) sendJson(response, 404, { error: 'not found' });
  };
}

async function runChecks(checks: Record<string, ReadinessCheck>, timeoutMs: number): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(entries);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

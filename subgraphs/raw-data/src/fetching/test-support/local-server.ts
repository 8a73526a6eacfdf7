import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test support: a real HTTP server on 127.0.0.1 with an ephemeral port that logs every request. */

export interface LoggedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** performance.now() when the request arrived and when its response finished or was cut. */
  startedAt: number;
  endedAt: number | undefined;
}

export interface LocalServer {
  origin: string;
  requests: LoggedRequest[];
  /** Paths requested, in order; robots.txt included. */
  paths(): string[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, log: LoggedRequest) => void;

export async function startServer(handler: Handler): Promise<LocalServer> {
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    const log: LoggedRequest = { path: req.url ?? '', headers: req.headers, startedAt: performance.now(), endedAt: undefined };
    requests.push(log);
    res.on('close', () => (log.endedAt = performance.now()));
    handler(req, res, log);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    paths: () => requests.map((r) => r.path),
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets from the fetcher would otherwise hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Routes by exact path; unknown paths get 404 (so robots.txt is absent unless routed). */
export function routes(table: Record<string, Handler>): Handler {
  return (req, res, log) => {
    const route = table[req.url ?? ''];
    if (route) return route(req, res, log);
    res.statusCode = 404;
    res.end('not found');
  };
}

export function text(body: string, status = 200, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  };
}

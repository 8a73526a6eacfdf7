import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { SAMPLES_DIR, loadSampleSources, readSample, sampleContentType } from './sample-sources.js';

export interface SampleShops {
  /** e.g. http://127.0.0.1:4090 — sources point at `${origin}/${source.url}`. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the sample shops over real HTTP, with ETag and Last-Modified so conditional GET is
 * exercised, and a robots.txt, so a demo run goes through exactly what a run against a shop does.
 */
export async function startSampleShops(port: number, host = '127.0.0.1'): Promise<SampleShops> {
  const routes = new Map<string, string>();
  for (const source of loadSampleSources()) {
    for (const [url, file] of Object.entries(source.sampleFiles ?? {})) routes.set(`/${url}`, file);
  }
  const server: Server = createServer((req, res) => {
    const requested = req.url ?? '/';
    if (requested === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nAllow: /\n');
      return;
    }
    const file = routes.get(requested) ?? decodeURIComponent(requested.replace(/[?#].*$/, '').slice(1));
    const path = normalize(join(SAMPLES_DIR, file));
    if (!path.startsWith(SAMPLES_DIR) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = readSample(file);
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const headers = { etag, 'last-modified': statSync(path).mtime.toUTCString(), 'content-type': sampleContentType(file) ?? 'application/octet-stream' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

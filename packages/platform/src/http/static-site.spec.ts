import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createServiceMetrics } from '../metrics.js';
import { createHttpService, sendJson, type HttpService } from './http-service.js';
import { createStaticSite, resolveInside } from './static-site.js';

const parent = mkdtempSync(path.join(tmpdir(), 'mrt-static-'));
const root = path.join(parent, 'dist');
let service: HttpService;
let base: string;

beforeAll(async () => {
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'main-3f2a1b.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
  // Beside the served directory: a traversal that worked would read it.
  writeFileSync(path.join(parent, 'secret.txt'), 'top secret');
  // Links out of the served directory, as a careless deploy step could leave them.
  symlinkSync(path.join(parent, 'secret.txt'), path.join(root, 'leak.txt'));
  symlinkSync(parent, path.join(root, 'outside'));
  // A link that stays inside is an ordinary file.
  symlinkSync(path.join(root, 'assets', 'main-3f2a1b.js'), path.join(root, 'linked.js'));
  // Build metadata and editor or VCS leftovers: never part of the site.
  mkdirSync(path.join(root, '.vite'));
  writeFileSync(path.join(root, '.vite', 'manifest.json'), '{"build":"manifest"}');
  writeFileSync(path.join(root, '.env'), 'SECRET=1');
  writeFileSync(path.join(root, 'assets', '.hidden.js'), 'hidden');
  symlinkSync(path.join(root, '.vite', 'manifest.json'), path.join(root, 'manifest.json'));
  // Larger than the socket buffers, so an aborted download stops half-way.
  writeFileSync(path.join(root, 'assets', 'big-9c1e2d.bin'), Buffer.alloc(32 * 1024 * 1024, 1));
  service = createHttpService({
    name: 'test',
    logger: createLogger({ name: 'test', level: 'silent' }),
    metrics: createServiceMetrics('test', { defaults: false }),
    routes: [{ path: '/graphql', handle: async (_request, response) => sendJson(response, 200, { graphql: true }) }],
    staticSite: createStaticSite({ root, htmlHeaders: { 'content-security-policy': "default-src 'self'" } }),
  });
  base = await service.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await service.stop();
  rmSync(parent, { recursive: true, force: true });
});

/** A raw request: fetch would normalise `..` and `%2e%2e` away before they reach the server. */
function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Starts a download, reads its first chunk and drops the connection, as a closed tab does. */
function abortedDownload(rawPath: string): Promise<void> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: rawPath, method: 'GET', agent: false }, (res) => {
      expect(res.statusCode).toBe(200);
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

/** How many of this process's file descriptors are open on the file (Linux). */
function openDescriptorsOf(file: string): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === file) count += 1;
    } catch {
      // Closed between the listing and the read.
    }
  }
  return count;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe('createStaticSite behind createHttpService', () => {
  it('serves index.html at / and for client routes, revalidated every time and with the HTML headers', async () => {
    for (const route of ['/', '/releases', '/releases/abc-123', '/admin/sources']) {
      const response = await fetch(`${base}${route}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
      expect(await response.text()).toContain('<title>app</title>');
    }
  });

  it('caches hashed assets as immutable and gives each file its content type', async () => {
    const script = await fetch(`${base}/assets/main-3f2a1b.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-security-policy')).toBeNull();
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a revalidation with 304 when the file did not change', async () => {
    const first = await fetch(`${base}/`);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await fetch(`${base}/`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('keeps the exact routes and built-ins, and 404s missing files instead of sending the app shell', async () => {
    expect(await (await fetch(`${base}/graphql`)).json()).toEqual({ graphql: true });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(404);
  });

  it('never serves a file outside its root', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00index.html']) {
      const response = await rawGet(attempt);
      expect(response.body, attempt).not.toContain('top secret');
    }
    expect(resolveInside(root, '/../secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveInside(root, '/..%2f..%2fsecret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
    expect(resolveInside(root, '/a\\..\\..\\secret.txt')).toBeNull();
  });

  it('does not follow a symlink out of its root, and serves one that stays inside', async () => {
    for (const attempt of ['/leak.txt', '/outside/secret.txt']) {
      const response = await rawGet(attempt);
      expect(response.status, attempt).toBe(404);
      expect(response.body, attempt).not.toContain('top secret');
    }
    const linked = await fetch(`${base}/linked.js`);
    expect(linked.status).toBe(200);
    expect(await linked.text()).toBe('console.log(1)');
  });

  it('404s dotfiles and anything under a dot-directory, even through a link or an encoded dot', async () => {
    for (const attempt of ['/.vite/manifest.json', '/%2evite/manifest.json', '/.env', '/assets/.hidden.js', '/.vite', '/.vite/', '/manifest.json']) {
      const response = await rawGet(attempt);
      expect(response.status, attempt).toBe(404);
      expect(response.body, attempt).not.toMatch(/manifest"|SECRET|hidden|<title>app/);
    }
  });

  it.skipIf(process.platform !== 'linux')('closes the file when the client drops the connection mid-download', async () => {
    const big = path.join(root, 'assets', 'big-9c1e2d.bin');
    for (let i = 0; i < 5; i += 1) await abortedDownload('/assets/big-9c1e2d.bin');
    // Closing is asynchronous; a leaked descriptor stays open however long we wait.
    expect(await waitFor(() => openDescriptorsOf(big) === 0, 5_000), `${openDescriptorsOf(big)} descriptors still open`).toBe(true);
    // The server still answers afterwards.
    expect((await fetch(`${base}/favicon.svg`)).status).toBe(200);
  }, 15_000);
});

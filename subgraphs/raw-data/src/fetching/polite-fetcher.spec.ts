import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { OutboundGuard } from '@mrt/platform';
import { DEFAULT_USER_AGENT } from './options.js';
import { createPoliteFetcher } from './polite-fetcher.js';
import { routes, startServer, text, type Handler, type LocalServer } from './test-support/local-server.js';
import type { PoliteFetcher } from './types.js';

// Fast defaults so specs only wait where a delay is the point of the test.
const FAST = { perHostDelayMs: 0, backoffBaseMs: 10, timeoutMs: 5000 };

// The shops here are local servers: private hosts allowed (the guard has its own spec).
const guard = new OutboundGuard({ allowPrivate: true });
afterAll(() => guard.close());

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serve(handler: Handler): Promise<LocalServer> {
  const server = await startServer(handler);
  cleanup.push(() => server.close());
  return server;
}

function fetcher(options: Parameters<typeof createPoliteFetcher>[0] = {}): PoliteFetcher {
  const created = createPoliteFetcher({ ...FAST, ...options }, { guard });
  cleanup.push(() => created.close());
  return created;
}

describe('createPoliteFetcher', () => {
  it('returns the body, final URL and caching headers, sending our User-Agent', async () => {
    const server = await serve(routes({ '/page': text('hello', 200, { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' }) }));
    const outcome = await fetcher({ perHostDelayMs: 0 }).fetch(`${server.origin}/page`);
    expect(outcome).toEqual({
      kind: 'ok',
      url: `${server.origin}/page`,
      status: 200,
      headers: { etag: '"v1"', lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT', contentType: 'text/plain' },
      body: Buffer.from('hello'),
    });
    expect(server.requests.map((r) => [r.path, r.headers['user-agent']])).toEqual([
      ['/robots.txt', DEFAULT_USER_AGENT],
      ['/page', DEFAULT_USER_AGENT],
    ]);
  });

  it('rejects unknown or invalid options', () => {
    expect(() => createPoliteFetcher({ perHostDelayMs: -1 }, { guard })).toThrow();
    expect(() => createPoliteFetcher({ bogus: true } as never, { guard })).toThrow();
  });

  describe('robots.txt', () => {
    it('skips a disallowed path without requesting it, fetching robots.txt once', async () => {
      const server = await serve(routes({ '/robots.txt': text('User-agent: *\nDisallow: /cart'), '/shop': text('shop') }));
      const f = fetcher();
      expect(await f.fetch(`${server.origin}/cart/1`)).toEqual({ kind: 'skipped', url: `${server.origin}/cart/1`, reason: 'robots-disallowed' });
      expect((await f.fetch(`${server.origin}/shop`)).kind).toBe('ok');
      expect(server.paths()).toEqual(['/robots.txt', '/shop']);
    });

    it('treats a 404 robots.txt as allow all', async () => {
      const server = await serve(routes({ '/page': text('ok') }));
      expect((await fetcher().fetch(`${server.origin}/page`)).kind).toBe('ok');
      expect(server.paths()).toEqual(['/robots.txt', '/page']);
    });

    it('treats a 500 robots.txt as disallow all', async () => {
      const server = await serve(routes({ '/robots.txt': text('oops', 500), '/page': text('ok') }));
      expect(await fetcher().fetch(`${server.origin}/page`)).toMatchObject({ kind: 'skipped', reason: 'robots-disallowed' });
      expect(server.paths()).toEqual(['/robots.txt']);
    });

    it('treats an unreachable host as disallow all', async () => {
      const server = await serve(routes({}));
      const origin = server.origin;
      await server.close();
      expect(await fetcher().fetch(`${origin}/page`)).toMatchObject({ kind: 'skipped', reason: 'robots-disallowed' });
    });

    it('checks robots.txt for redirect targets', async () => {
      const server = await serve(routes({ '/robots.txt': text('User-agent: *\nDisallow: /private'), '/go': text('', 302, { location: '/private/x' }) }));
      expect(await fetcher().fetch(`${server.origin}/go`)).toEqual({ kind: 'skipped', url: `${server.origin}/private/x`, reason: 'robots-disallowed' });
      expect(server.paths()).toEqual(['/robots.txt', '/go']);
    });

    it('lets Crawl-delay raise the per-host delay', async () => {
      const server = await serve(routes({ '/robots.txt': text('User-agent: *\nCrawl-delay: 0.3'), '/a': text('a') }));
      const outcome = await fetcher({ perHostDelayMs: 0 }).fetch(`${server.origin}/a`);
      expect(outcome.kind).toBe('ok');
      const [robots, page] = server.requests;
      expect(page!.startedAt - robots!.endedAt!).toBeGreaterThanOrEqual(300);
    });

    it('does nothing with robots.txt when respectRobots is false', async () => {
      const server = await serve(routes({ '/robots.txt': text('User-agent: *\nDisallow: /'), '/a': text('a') }));
      expect((await fetcher({ respectRobots: false }).fetch(`${server.origin}/a`)).kind).toBe('ok');
      expect(server.paths()).toEqual(['/a']);
    });
  });

  it('waits perHostDelayMs between the end of one request and the start of the next to the same host', async () => {
    const server = await serve(routes({ '/a': text('a'), '/b': text('b') }));
    const f = fetcher({ perHostDelayMs: 300, respectRobots: false });
    const outcomes = await Promise.all([f.fetch(`${server.origin}/a`), f.fetch(`${server.origin}/b`)]);
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok']);
    const [first, second] = server.requests;
    expect(second!.startedAt).toBeGreaterThanOrEqual(first!.endedAt!);
    expect(second!.startedAt - first!.endedAt!).toBeGreaterThanOrEqual(300);
  });

  it('does not make one host wait for another', async () => {
    const slow = await serve(routes({ '/a': () => undefined })); // never answers
    const quick = await serve(routes({ '/b': text('b') }));
    const f = fetcher({ respectRobots: false, timeoutMs: 10_000 });
    const pending = f.fetch(`${slow.origin}/a`);
    expect((await f.fetch(`${quick.origin}/b`)).kind).toBe('ok');
    f.close();
    expect(await pending).toMatchObject({ kind: 'failed', reason: 'network', message: 'fetcher closed' });
  });

  it('retries a 429 after Retry-After seconds, then succeeds', async () => {
    let calls = 0;
    const server = await serve(
      routes({
        '/a': (_req, res) => {
          calls++;
          if (calls === 1) {
            res.writeHead(429, { 'retry-after': '1' });
            res.end();
          } else res.end('finally');
        },
      }),
    );
    const outcome = await fetcher({ respectRobots: false }).fetch(`${server.origin}/a`);
    expect(outcome).toMatchObject({ kind: 'ok', body: Buffer.from('finally') });
    const [first, second] = server.requests;
    expect(second!.startedAt - first!.endedAt!).toBeGreaterThanOrEqual(1000 - 5);
  });

  it('caps Retry-After by maxRetryAfterMs', async () => {
    let calls = 0;
    const server = await serve(
      routes({
        '/a': (_req, res) => {
          if (++calls === 1) {
            res.writeHead(503, { 'retry-after': '3600' });
            res.end();
          } else res.end('ok');
        },
      }),
    );
    expect((await fetcher({ respectRobots: false, maxRetryAfterMs: 50 }).fetch(`${server.origin}/a`)).kind).toBe('ok');
  });

  it('retries a 503 the configured number of times, then fails with http-error', async () => {
    const server = await serve(routes({ '/a': text('busy', 503) }));
    const outcome = await fetcher({ respectRobots: false, retries: 2 }).fetch(`${server.origin}/a`);
    expect(outcome).toEqual({ kind: 'failed', url: `${server.origin}/a`, reason: 'http-error', status: 503, message: 'HTTP 503' });
    expect(server.paths()).toEqual(['/a', '/a', '/a']);
    // Exponential backoff: the second gap is at least twice the base, the first at least the base.
    const [r1, r2, r3] = server.requests;
    expect(r2!.startedAt - r1!.endedAt!).toBeGreaterThanOrEqual(10);
    expect(r3!.startedAt - r2!.endedAt!).toBeGreaterThanOrEqual(20);
  });

  it('does not retry a 404', async () => {
    const server = await serve(routes({}));
    expect(await fetcher({ respectRobots: false }).fetch(`${server.origin}/missing`)).toMatchObject({ kind: 'failed', reason: 'http-error', status: 404 });
    expect(server.paths()).toEqual(['/missing']);
  });

  it('retries network errors and reports them as network failures', async () => {
    const server = await serve(routes({ '/a': (req) => req.socket.destroy() }));
    const outcome = await fetcher({ respectRobots: false, retries: 1 }).fetch(`${server.origin}/a`);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'network' });
    expect(server.paths()).toEqual(['/a', '/a']);
  });

  it('aborts a body past maxBytes: too-large, and the server sees the connection cut', async () => {
    const total = 10 * 1024 * 1024;
    let sent = 0;
    let finished = false;
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const server = await serve(
      routes({
        '/big': (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked: no Content-Length to pre-check
          res.on('close', () => serverSawClose());
          const chunk = Buffer.alloc(64 * 1024, 1);
          // Honour backpressure so "sent" tracks what the client actually drained, not what we queued.
          const pump = (): void => {
            while (sent < total) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end(() => (finished = true));
          };
          pump();
        },
      }),
    );
    const outcome = await fetcher({ respectRobots: false, maxBytes: 256 * 1024 }).fetch(`${server.origin}/big`);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'too-large' });
    await closed;
    expect(finished).toBe(false);
    expect(sent).toBeLessThan(total);
  });

  it('rejects a declared Content-Length past maxBytes without reading the body', async () => {
    const server = await serve(routes({ '/big': text('x'.repeat(2000)) }));
    expect(await fetcher({ respectRobots: false, maxBytes: 1000 }).fetch(`${server.origin}/big`)).toMatchObject({ kind: 'failed', reason: 'too-large' });
  });

  it('detects a redirect loop', async () => {
    const server = await serve(routes({ '/a': text('', 301, { location: '/b' }), '/b': text('', 302, { location: `/a` }) }));
    expect(await fetcher({ respectRobots: false }).fetch(`${server.origin}/a`)).toMatchObject({ kind: 'failed', reason: 'redirect-loop', url: `${server.origin}/a` });
    expect(server.paths()).toEqual(['/a', '/b']);
  });

  it('gives up after maxRedirects distinct redirects', async () => {
    const server = await serve((req, res) => {
      const n = Number(/^\/r\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
      res.writeHead(302, { location: `/r/${n + 1}` });
      res.end();
    });
    expect(await fetcher({ respectRobots: false, maxRedirects: 3 }).fetch(`${server.origin}/r/0`)).toMatchObject({ kind: 'failed', reason: 'too-many-redirects' });
    expect(server.paths()).toEqual(['/r/0', '/r/1', '/r/2', '/r/3']);
  });

  it('follows redirects and reports the final URL', async () => {
    const server = await serve(routes({ '/old': text('', 301, { location: '/new' }), '/new': text('moved') }));
    expect(await fetcher({ respectRobots: false }).fetch(`${server.origin}/old`)).toMatchObject({ kind: 'ok', url: `${server.origin}/new`, body: Buffer.from('moved') });
  });

  it('times out on a server that never answers, without retrying', async () => {
    const server = await serve(routes({ '/slow': () => undefined }));
    const outcome = await fetcher({ respectRobots: false, timeoutMs: 200 }).fetch(`${server.origin}/slow`);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'timeout' });
    expect(server.paths()).toEqual(['/slow']);
  });

  it('times out on a body that trickles in', async () => {
    const server = await serve(
      routes({
        '/trickle': (_req, res) => {
          res.writeHead(200);
          const timer = setInterval(() => res.write('.'), 50);
          res.on('close', () => clearInterval(timer));
        },
      }),
    );
    expect(await fetcher({ respectRobots: false, timeoutMs: 300 }).fetch(`${server.origin}/trickle`)).toMatchObject({ kind: 'failed', reason: 'timeout' });
  });

  it('sends conditional headers and reports 304 as not-modified', async () => {
    const server = await serve(
      routes({
        '/a': (req, res) => {
          res.writeHead(req.headers['if-none-match'] === '"v1"' ? 304 : 200);
          res.end(req.headers['if-none-match'] === '"v1"' ? undefined : 'fresh');
        },
      }),
    );
    const f = fetcher({ respectRobots: false });
    const since = new Date('2025-01-01T00:00:00Z');
    expect(await f.fetch(`${server.origin}/a`, { ifNoneMatch: '"v1"', ifModifiedSince: since })).toEqual({ kind: 'not-modified', url: `${server.origin}/a` });
    expect((await f.fetch(`${server.origin}/a`, { ifNoneMatch: '"v0"' })).kind).toBe('ok');
    expect(server.requests[0]!.headers['if-modified-since']).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
    expect(server.requests[1]!.headers['if-modified-since']).toBeUndefined();
  });

  it('stops at the page cap, counting only pages actually requested', async () => {
    const server = await serve(routes({ '/robots.txt': text('User-agent: *\nDisallow: /no'), '/1': text('1'), '/2': text('2'), '/3': text('3') }));
    const f = fetcher({ pageCap: 2 });
    expect((await f.fetch(`${server.origin}/no`)).kind).toBe('skipped');
    expect((await f.fetch(`${server.origin}/1`)).kind).toBe('ok');
    expect((await f.fetch(`${server.origin}/2`)).kind).toBe('ok');
    expect(await f.fetch(`${server.origin}/3`)).toEqual({ kind: 'skipped', url: `${server.origin}/3`, reason: 'page-cap' });
    expect(server.paths()).toEqual(['/robots.txt', '/1', '/2']);
  });

  it('returns failures instead of throwing for bad URLs and after close', async () => {
    const f = fetcher();
    expect(await f.fetch('not a url')).toMatchObject({ kind: 'failed', reason: 'network' });
    expect(await f.fetch('ftp://127.0.0.1/x')).toMatchObject({ kind: 'failed', reason: 'network' });
    f.close();
    expect(await f.fetch('http://127.0.0.1:9/x')).toMatchObject({ kind: 'failed', reason: 'network', message: 'fetcher closed' });
  });
});

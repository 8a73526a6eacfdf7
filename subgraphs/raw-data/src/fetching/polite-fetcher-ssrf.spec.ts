import { afterEach, describe, expect, it } from 'vitest';
import { OutboundGuard, type HostResolver } from '@mrt/platform';
import { createPoliteFetcher } from './polite-fetcher.js';
import { routes, startServer, text, type LocalServer } from './test-support/local-server.js';

// Source URLs are operator input: the fetcher must not become a way into the network it runs in.
const FAST = { perHostDelayMs: 0, backoffBaseMs: 10, timeoutMs: 5000, retries: 0 };
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function shop(): Promise<LocalServer> {
  const server = await startServer(
    routes({
      '/page': text('hello'),
      '/to-metadata': (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/to-metadata-name': (_req, res) => res.writeHead(302, { location: 'http://meta.test/latest/meta-data/' }).end(),
    }),
  );
  cleanup.push(() => server.close());
  return server;
}

function fetcherWith(guard: OutboundGuard) {
  const fetcher = createPoliteFetcher(FAST, { guard });
  cleanup.push(() => fetcher.close());
  cleanup.push(() => guard.close());
  return fetcher;
}

const port = (server: LocalServer): string => new URL(server.origin).port;

describe('polite fetcher behind the outbound guard', () => {
  it('without SOURCE_ALLOW_PRIVATE_HOSTS, a name resolving to loopback is refused and the shop sees no request', async () => {
    const server = await shop();
    const resolve: HostResolver = () => Promise.resolve(['127.0.0.1']);
    // Control: with private hosts allowed the same name reaches the local shop.
    const allowed = await fetcherWith(new OutboundGuard({ allowPrivate: true, resolve })).fetch(`http://shop.test:${port(server)}/page`);
    expect(allowed.kind).toBe('ok');
    const seen = server.requests.length;

    const strict = fetcherWith(new OutboundGuard({ allowPrivate: false, resolve }));
    for (const url of [`http://shop.test:${port(server)}/page`, `${server.origin}/page`, `http://[::ffff:7f00:1]:${port(server)}/page`]) {
      expect(await strict.fetch(url)).toMatchObject({ kind: 'failed', reason: 'destination-refused' });
    }
    expect(server.requests.length).toBe(seen);
  });

  it('a name that rebinds to loopback after the first check is refused when connecting, robots.txt included', async () => {
    const server = await shop();
    let lookups = 0;
    const rebinding: HostResolver = () => Promise.resolve(lookups++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
    const outcome = await fetcherWith(new OutboundGuard({ allowPrivate: false, resolve: rebinding })).fetch(`http://rebind.test:${port(server)}/page`);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'destination-refused' });
    // Checked up front, then again for robots.txt and for the page: each connection looked for itself.
    expect(lookups).toBe(3);
    expect(server.requests).toEqual([]);
  });

  it('never follows a redirect to the metadata address, even with private hosts allowed', async () => {
    const server = await shop();
    const fetcher = fetcherWith(new OutboundGuard({ allowPrivate: true, resolve: (host) => Promise.resolve(host === 'meta.test' ? ['169.254.169.254'] : ['127.0.0.1']) }));
    expect(await fetcher.fetch(`${server.origin}/to-metadata`)).toMatchObject({ kind: 'failed', reason: 'destination-refused', url: 'http://169.254.169.254/latest/meta-data/' });
    expect(await fetcher.fetch(`${server.origin}/to-metadata-name`)).toMatchObject({ kind: 'failed', reason: 'destination-refused', url: 'http://meta.test/latest/meta-data/' });
    expect(await fetcher.fetch('http://169.254.169.254/latest/meta-data/')).toMatchObject({ kind: 'failed', reason: 'destination-refused' });
    expect(await fetcher.fetch('http://[fd00:ec2::254]/latest/meta-data/')).toMatchObject({ kind: 'failed', reason: 'destination-refused' });
  });
});

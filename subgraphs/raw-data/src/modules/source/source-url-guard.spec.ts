import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostResolver } from '@mrt/platform';
import { RawDataHarness } from '../../test-support/raw-data-harness.js';

const CREATE = `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id url } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateSourceInput!) { updateSource(id: $id, input: $input) { id url } }`;

const fieldPaths = (errors: readonly { extensions?: Record<string, unknown> }[]): string[] =>
  ((errors[0]?.extensions?.fields ?? []) as { path: string }[]).map((field) => field.path);

const feed = (name: string, url: string) => ({ name, kind: 'FEED', url });

let lookups: Record<string, number> = {};
/** No DNS: "rebind.test" is public the first time it is asked, loopback after. */
const resolver: HostResolver = (host) => {
  lookups[host] = (lookups[host] ?? 0) + 1;
  if (host === 'public.test') return Promise.resolve(['93.184.216.34']);
  if (host === 'intranet.test') return Promise.resolve(['10.0.0.8']);
  if (host === 'metadata.test') return Promise.resolve(['169.254.169.254']);
  if (host === 'rebind.test') return Promise.resolve(lookups[host] === 1 ? ['93.184.216.34'] : ['127.0.0.1']);
  return Promise.reject(new Error(`${host} not found`));
};

describe('source URLs without SOURCE_ALLOW_PRIVATE_HOSTS', () => {
  let harness: RawDataHarness;
  let shop: Server;
  const requests: string[] = [];
  beforeAll(async () => {
    harness = await RawDataHarness.open({ SOURCE_ALLOW_PRIVATE_HOSTS: 'false' }, resolver);
    shop = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel></channel></rss>');
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await harness?.close();
    await new Promise<void>((resolve) => shop.close(() => resolve()));
  });

  it.each([
    'http://127.0.0.1:4090/feed.xml',
    'http://[::ffff:127.0.0.1]/feed.xml',
    'http://[::ffff:7f00:1]/feed.xml',
    'http://[0:0:0:0:0:ffff:127.0.0.1]/feed.xml',
    'http://[::127.0.0.1]/feed.xml',
    'http://intranet.test/feed.xml',
    'http://169.254.169.254/latest/meta-data/',
    'http://metadata.test/',
    'http://224.0.0.1/',
  ])('createSource refuses %s on the url field', async (url) => {
    const errors = await harness.errors(CREATE, { input: feed(`refused ${url}`, url) });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldPaths(errors)).toEqual(['url']);
  });

  it('updateSource refuses a private URL and keeps the stored one', async () => {
    const { createSource } = await harness.ok<{ createSource: { id: string } }>(CREATE, { input: feed('Public Feed', 'https://public.test/feed.xml') });
    const errors = await harness.errors(UPDATE, { id: createSource.id, input: { url: 'http://[::ffff:7f00:1]/feed.xml' } });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldPaths(errors)).toEqual(['url']);
    const { source } = await harness.ok<{ source: { url: string } }>(`query ($id: ID!) { source(id: $id) { url } }`, { id: createSource.id });
    expect(source.url).toBe('https://public.test/feed.xml');
  });

  it('a source whose name turns private after it was saved fails its run with destination-refused, and the shop sees no request', async () => {
    const port = (shop.address() as AddressInfo).port;
    const sourceId = await harness.createSource({ kind: 'FEED', url: `http://rebind.test:${port}/feed.xml` });
    const run = await harness.runToEnd(sourceId);
    expect(run.status).toBe('FAILED');
    expect(run.errors).toEqual([expect.objectContaining({ code: 'destination-refused', url: `http://rebind.test:${port}/feed.xml` })]);
    expect(lookups['rebind.test']).toBeGreaterThan(1);
    expect(requests).toEqual([]);
  });
});

describe('source URLs with private hosts allowed (the default under NODE_ENV=test)', () => {
  let harness: RawDataHarness;
  beforeAll(async () => {
    lookups = {};
    harness = await RawDataHarness.open({}, resolver);
  });
  afterAll(() => harness?.close());

  it('accepts loopback and private hosts', async () => {
    const { createSource } = await harness.ok<{ createSource: { url: string } }>(CREATE, { input: feed('Local Feed', 'http://127.0.0.1:4090/feed.xml') });
    expect(createSource.url).toBe('http://127.0.0.1:4090/feed.xml');
    await harness.ok(CREATE, { input: feed('Office Feed', 'http://intranet.test/feed.xml') });
  });

  it.each(['http://169.254.169.254/latest/meta-data/', 'http://metadata.test/', 'http://[fd00:ec2::254]/', 'http://[::ffff:a9fe:a9fe]/', 'http://[fe80::1]/'])(
    'never accepts the metadata or link-local address %s',
    async (url) => {
      const errors = await harness.errors(CREATE, { input: feed(`metadata ${url}`, url) });
      expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(fieldPaths(errors)).toEqual(['url']);
    },
  );
});

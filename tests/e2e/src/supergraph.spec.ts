import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForValue } from '@mrt/events/wait-for';
import { testEnv } from '@mrt/platform/testing';
import type { RunningSupergraph } from '@mrt/supergraph';
import { BandsWithReleasesDocument, MeDocument, RegisterDocument, UnreadNotificationCountDocument } from '@mrt/operations';
import { graphql, startTestSupergraph } from './harness.js';

const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
let supergraph: RunningSupergraph;

beforeAll(async () => {
  supergraph = await startTestSupergraph({ databaseUrl: TEST_DATABASE_URL, redisUrl: TEST_REDIS_URL });
});

afterAll(async () => {
  await supergraph?.stop();
});

describe('the supergraph on PostgreSQL', () => {
  it('answers a query that crosses the catalog and releases subgraphs', async () => {
    // The demo releases come through the sample shops' pipeline: wait for Darkthrone's two.
    const darkthroneTitles = (data: { bands: { edges: { node: { name: string; releases: { edges: { node: { title: string } }[] } } }[] } } | undefined) =>
      data?.bands.edges.find((edge) => edge.node.name === 'Darkthrone')?.node.releases.edges.map((edge) => edge.node.title) ?? [];
    const result = await waitForValue(
      () => graphql(supergraph.gatewayUrl, BandsWithReleasesDocument, { first: 100 }),
      (read) => ['It Beckons Us All', 'Transilvanian Hunger'].every((title) => darkthroneTitles(read.data).includes(title)),
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    expect(result.errors).toBeUndefined();
    const bands = result.data!.bands.edges.map((edge) => edge.node);
    // The sample shops' runs may have added bands by now: the demo bands are there, in name order.
    const names = bands.map((band) => band.name);
    expect(names.filter((name) => ['Blut Aus Nord', 'Darkthrone', 'Mgła', 'Motörhead'].includes(name))).toEqual(['Blut Aus Nord', 'Darkthrone', 'Mgła', 'Motörhead']);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(names);
    const darkthrone = bands.find((band) => band.name === 'Darkthrone')!;
    // Newest first: the releases subgraph answers for the catalog's bands.
    const titles = darkthrone.releases.edges.map((edge) => edge.node.title);
    expect(titles.indexOf('It Beckons Us All')).toBeGreaterThanOrEqual(0);
    expect(titles.indexOf('It Beckons Us All')).toBeLessThan(titles.indexOf('Transilvanian Hunger'));
  });

  it('resolves a nested entity back through the other subgraph', async () => {
    type Releases = { releases: { edges: { node: { title: string; band: { name: string; country: string } } }[] } };
    const result = await waitForValue(
      () => graphql<Releases>(supergraph.gatewayUrl, `{ releases(first: 50) { edges { node { title band { name country } } } } }`),
      (read) => Boolean(read.data?.releases.edges.some((edge) => edge.node.title === 'Age of Excuse')),
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    expect(result.errors).toBeUndefined();
    const releases = result.data!.releases.edges;
    expect(releases.find((edge) => edge.node.title === 'Age of Excuse')!.node.band).toEqual({ name: 'Mgła', country: 'PL' });
  });

  it('pages through bands with cursors', async () => {
    type Page = { bands: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const pageQuery = `query($first: Int!, $after: String) { bands(first: $first, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
    const page = async (first: number, after?: string | null) => (await graphql<Page>(supergraph.gatewayUrl, pageQuery, { first, after })).data!.bands;
    // Sample-shop runs may add bands meanwhile: page again until the list held still around the walk.
    for (let attempt = 0; ; attempt += 1) {
      const before = (await page(100)).edges.map((e) => e.node.name);
      const walked: string[] = [];
      let pages = 0;
      let cursor: string | null | undefined;
      for (;;) {
        const bands = await page(3, cursor);
        pages += 1;
        walked.push(...bands.edges.map((e) => e.node.name));
        if (!bands.pageInfo.hasNextPage) break;
        cursor = bands.pageInfo.endCursor;
      }
      const after = (await page(100)).edges.map((e) => e.node.name);
      if (before.join() !== after.join() && attempt < 5) continue;
      expect(before.length).toBeGreaterThanOrEqual(4);
      expect(pages).toBe(Math.ceil(before.length / 3));
      expect(walked).toEqual(before);
      break;
    }
  });

  it('rejects bad input with a stable code and field details', async () => {
    const result = await graphql(supergraph.gatewayUrl, `{ bands(first: 1000) { edges { node { id } } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.fields).toEqual([{ path: 'first', message: 'must be between 1 and 100' }]);
  });

  it('refuses user-owned and admin data to anonymous callers', async () => {
    const result = await graphql(supergraph.gatewayUrl, UnreadNotificationCountDocument);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const me = await graphql(supergraph.gatewayUrl, MeDocument);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toBeNull();
  });

  it('serves /healthz, /readyz and /metrics on the gateway and every subgraph', async () => {
    const bases = [supergraph.gatewayUrl.replace(/\/graphql$/, ''), ...Object.values(supergraph.subgraphs)];
    expect(bases).toHaveLength(7);
    for (const base of bases) {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status, base).toBe(200);
      const { checks } = (await ready.json()) as { checks: Record<string, string> };
      // Subgraphs check their database and, with REDIS_URL set, Redis.
      if (base !== bases[0]) expect(checks).toEqual({ database: 'ok', redis: 'ok' });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain('http_requests_total');
      expect(metrics).toContain('http_request_duration_seconds_bucket');
    }
    const gatewayMetrics = await (await fetch(`${bases[0]}/metrics`)).text();
    expect(gatewayMetrics).toMatch(/http_requests_total\{[^}]*route="graphql"[^}]*\} [1-9]/);
    // The BAD_USER_INPUT and UNAUTHENTICATED answers above were counted as GraphQL errors.
    expect(gatewayMetrics).toMatch(/http_request_errors_total\{route="graphql",kind="graphql"[^}]*\} [1-9]/);
  });

  it('serves the secret feed URLs through the gateway', async () => {
    const registered = await graphql(supergraph.gatewayUrl, RegisterDocument, { input: { email: 'feeds@example.com', password: 'a long passphrase', displayName: 'feeds' } });
    const auth = { authorization: `Bearer ${registered.data!.register.accessToken}` };
    const created = await graphql<{ createFeedUrl: string }>(supergraph.gatewayUrl, `mutation { createFeedUrl(kind: ATOM) }`, {}, auth);
    expect(created.errors).toBeUndefined();
    const feedUrl = new URL(created.data!.createFeedUrl);
    expect(feedUrl.pathname).toBe('/feeds/notifications.atom');
    const gatewayOrigin = new URL(supergraph.gatewayUrl).origin;
    const feed = await fetch(`${gatewayOrigin}${feedUrl.pathname}${feedUrl.search}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(await feed.text()).toContain('<feed');
    expect((await fetch(`${gatewayOrigin}/feeds/notifications.atom?token=not-a-token`)).status).toBe(404);
  });
});

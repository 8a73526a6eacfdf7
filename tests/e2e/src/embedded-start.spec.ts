import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForValue } from '@mrt/events/wait-for';
import { BandsWithReleasesDocument, LoginDocument, SourcesWithLastRunDocument } from '@mrt/operations';
import { graphql } from './harness.js';
import { launchSupergraph } from './processes.js';

/**
 * `pnpm start` on a machine with nothing but Node: no DATABASE_URL, no REDIS_URL. Runs the
 * real entry point as a child process on embedded PGlite, stops it with SIGINT like Ctrl-C,
 * and starts it again on the same data directory.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'mrt-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const ADMIN = { email: 'operator@example.com', password: 'embedded mode operator passphrase' };

/** The demo sources read the sample shops served beside them; their first runs end without errors. */
async function sampleRunsFinish(url: string) {
  const login = await graphql(url, LoginDocument, { input: ADMIN });
  const headers = { authorization: `Bearer ${login.data!.login.accessToken}` };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { data, errors } = await graphql(url, SourcesWithLastRunDocument, {}, headers);
    expect(errors).toBeUndefined();
    const sources = data!.sources.edges.map((edge) => edge.node);
    const finished = sources.every((source) => source.lastRun && !['QUEUED', 'RUNNING'].includes(source.lastRun.status));
    if (sources.length > 0 && finished) return sources;
    if (Date.now() > deadline) throw new Error(`sample runs did not finish: ${JSON.stringify(sources)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Bands and releases once the event pipeline has nothing left to do: two equal reads in a row. */
async function settled(url: string) {
  const deadline = Date.now() + 60_000;
  let previous = '';
  for (;;) {
    const { data, errors } = await graphql(url, BandsWithReleasesDocument, { first: 100 });
    expect(errors).toBeUndefined();
    const current = JSON.stringify(data);
    if (current === previous) return data!;
    if (Date.now() > deadline) throw new Error('the pipeline did not settle');
    previous = current;
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

function launch() {
  return launchSupergraph(dataDir, { FETCH_DELAY_MS: '0', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
}

describe('pnpm start in embedded mode', () => {
  it('serves a federated query, stops cleanly on SIGINT and reuses its data on the next start', async () => {
    const first = await launch();
    expect(first.output()).toContain('embedded PGlite');
    expect(first.output()).toMatch(/migrations applied/);
    const seeded = await graphql(first.url, BandsWithReleasesDocument, { first: 100 });
    expect(seeded.errors).toBeUndefined();
    expect(seeded.data!.bands.edges.map((edge) => edge.node.name)).toEqual(expect.arrayContaining(['Darkthrone', 'Mgła']));
    // The demo releases come through the pipeline from the sample shops, within seconds of the start.
    await waitForValue(
      () => graphql(first.url, BandsWithReleasesDocument, { first: 100 }),
      (read) => (read.data?.bands.edges.find((edge) => edge.node.name === 'Mgła')?.node.releases.edges.length ?? 0) > 0,
      { timeoutMs: 30_000, intervalMs: 250 },
    );

    const sources = await sampleRunsFinish(first.url);
    expect(sources.map((source) => source.kind)).toEqual(expect.arrayContaining(['SHOPIFY', 'WOOCOMMERCE', 'JSON_LD', 'HTML', 'FEED', 'METAL_ARCHIVES_UPCOMING']));
    for (const source of sources) {
      expect({ name: source.name, status: source.lastRun!.status, errors: source.lastRun!.errors }).toEqual({ name: source.name, status: 'SUCCEEDED', errors: [] });
      expect(source.lastRun!.listingsSeen).toBeGreaterThan(0);
    }
    // The sample listings flow on through catalog and releases: the demo bands' releases, and
    // bands only the sample shops know, with theirs.
    const before = await settled(first.url);
    const bands = before.bands.edges.map((edge) => edge.node);
    const withReleases = bands.filter((band) => band.releases.edges.length > 0).map((band) => band.name);
    expect(withReleases).toEqual(expect.arrayContaining(['Blut Aus Nord', 'Darkthrone', 'Mgła', 'Motörhead', 'Worm', 'Panopticon']));
    expect(bands.length).toBeGreaterThan(seeded.data!.bands.edges.length);

    // The shops' listings reached releases as offers: sample shops -> raw-data -> catalog -> releases.
    const offered = await graphql<{ releases: { edges: { node: { offerCount: number } }[] } }>(
      first.url,
      '{ releases(sort: OFFER_COUNT_DESC, first: 1) { edges { node { offerCount } } } }',
    );
    expect(offered.data!.releases.edges[0]!.node.offerCount).toBeGreaterThan(1);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = await launch();
    try {
      // Migrations are not re-applied and the seed does not duplicate rows.
      expect(second.output()).not.toMatch(/migrations applied/);
      const after = await graphql(second.url, BandsWithReleasesDocument, { first: 100 });
      expect(after.data).toEqual(before);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  }, 240_000);
});

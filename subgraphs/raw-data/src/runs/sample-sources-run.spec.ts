import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableUuid } from '@mrt/platform';
import { crawlSampleSource, loadSampleSources } from '../parsing/test-support/samples.js';
import { startSampleShops, type SampleShops } from '../samples/sample-shops.js';
import { RawDataHarness } from '../test-support/raw-data-harness.js';

/**
 * Every sample shop and feed read by a real run over HTTP: fetcher, parser, store and outbox
 * together, as `pnpm start` does with the demo sources. The pages are parsed on a worker thread,
 * as a service with PostgreSQL does by default, and compared with the same parser run inline.
 */
describe('parser runs over the sample shops', () => {
  let harness: RawDataHarness;
  let shops: SampleShops;

  beforeAll(async () => {
    harness = await RawDataHarness.open({ PARSE_WORKERS: '1' });
    shops = await startSampleShops(0);
  });
  afterAll(async () => {
    await shops.close();
    await harness.close();
  });

  for (const sample of loadSampleSources()) {
    it(`${sample.kind} "${sample.name}": stores every item once, emits one event each, and a rerun emits nothing`, async () => {
      // The same parser over the same files without HTTP: what the run must have captured.
      const expected = crawlSampleSource(sample, 60, `${shops.origin}/`);
      const expectedIds = [...expected.listings, ...expected.announcements].map((item) => item.externalId).sort();
      expect(expectedIds.length).toBeGreaterThan(0);
      const distributorId = sample.distributorSlug ? stableUuid('distributor', sample.distributorSlug) : null;
      const sourceId = await harness.createSource({ kind: sample.kind, url: `${shops.origin}/${sample.url}`, options: sample.options, distributorId });

      const first = await harness.runToEnd(sourceId);
      expect(first).toMatchObject({ status: 'SUCCEEDED', listingsSeen: expectedIds.length, listingsNew: expectedIds.length, listingsChanged: 0, listingsRemoved: 0 });
      expect(first.errors).toEqual([]);
      expect(first.itemsSkipped).toBe(expected.skipped.length);

      const events = await harness.events(sourceId);
      const eventType = expected.listings.length > 0 ? 'raw.listing.captured' : 'raw.announcement.captured';
      expect(events.map((event) => event.type)).toEqual(expectedIds.map(() => eventType));
      expect(events.map((event) => event.data.externalId).sort()).toEqual(expectedIds);
      expect(events.every((event) => event.data.initialImport === true)).toBe(true);
      if (eventType === 'raw.listing.captured') {
        expect(events.every((event) => event.data.distributorId === distributorId && event.data.sourceKind === sample.kind)).toBe(true);
        // Field by field, the event carries what the parser read.
        for (const listing of expected.listings) {
          const event = events.find((e) => e.data.externalId === listing.externalId)!;
          expect(event.data).toMatchObject({ url: listing.url, bandNames: listing.bandNames, title: listing.title, format: listing.format, price: listing.price, stock: listing.stock });
        }
      }

      const second = await harness.runToEnd(sourceId);
      expect(second).toMatchObject({ status: 'SUCCEEDED', listingsSeen: expectedIds.length, listingsNew: 0, listingsChanged: 0, listingsRemoved: 0 });
      // The sample server sends ETags: unchanged pages come back as 304 and are not parsed again.
      expect(second.pagesNotModified).toBe(first.pagesFetched);
      expect(second.pagesFetched).toBe(0);
      expect(await harness.events(sourceId)).toHaveLength(events.length);
      expect(await harness.activeListings(sourceId)).toBe(expectedIds.length);
    });
  }

  it('lists what a run stored, as captured, page by page', async () => {
    const sample = loadSampleSources().find((s) => s.kind === 'SHOPIFY')!;
    const sourceId = await harness.createSource({ kind: sample.kind, url: `${shops.origin}/${sample.url}`, options: sample.options });
    const run = await harness.runToEnd(sourceId);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { rawListings: { edges: { node: { externalId: string; kind: string; payload: unknown; normalized: { title: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await harness.ok(
          `query ($sourceId: ID!, $after: String) { rawListings(sourceId: $sourceId, first: 2, after: $after) { edges { node { externalId kind payload normalized } } pageInfo { hasNextPage endCursor } } }`,
          { sourceId, after },
        );
      for (const { node } of data.rawListings.edges) {
        expect(node.kind).toBe('LISTING');
        expect(node.payload).toBeTypeOf('object');
        expect(node.normalized.title).toBeTypeOf('string');
        seen.push(node.externalId);
      }
      if (!data.rawListings.pageInfo.hasNextPage) break;
      after = data.rawListings.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(run.listingsSeen);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

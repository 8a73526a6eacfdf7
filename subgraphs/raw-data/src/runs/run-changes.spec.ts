import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createEvent, subjects } from '@mrt/events';
import { FakeShopify, type ShopMisbehaviour } from './test-support/fake-shopify.js';
import { RawDataHarness } from '../test-support/raw-data-harness.js';

describe('parser runs: changes, removals and broken shops', () => {
  let harness: RawDataHarness;
  const shops: FakeShopify[] = [];

  beforeAll(async () => {
    harness = await RawDataHarness.open({ REMOVAL_GUARD_RATIO: '0.5', RUN_CURRENCY_WAIT_MS: '4000' });
  });
  afterEach(async () => {
    await Promise.all(shops.splice(0).map((shop) => shop.close()));
  });
  afterAll(async () => {
    await harness.close();
  });

  async function shopWithSource(count: number): Promise<{ shop: FakeShopify; sourceId: string }> {
    const shop = await FakeShopify.start(count);
    shops.push(shop);
    const sourceId = await harness.createSource({ kind: 'SHOPIFY', url: shop.url, options: { currency: 'EUR' } });
    return { shop, sourceId };
  }

  it('emits exactly one event when one price changes', async () => {
    const { shop, sourceId } = await shopWithSource(5);
    expect(await harness.runToEnd(sourceId)).toMatchObject({ status: 'SUCCEEDED', listingsNew: 5 });
    shop.products[2]!.price = '17.50';
    const rerun = await harness.runToEnd(sourceId);
    expect(rerun).toMatchObject({ status: 'SUCCEEDED', listingsSeen: 5, listingsNew: 0, listingsChanged: 1, listingsRemoved: 0 });
    const events = (await harness.events(sourceId)).slice(5);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'raw.listing.captured', data: { externalId: shop.externalIdOf(shop.products[2]!), price: { amount: '17.50', currency: 'EUR' }, initialImport: false } });
  });

  const announceDistributor = (distributorId: string) =>
    harness.subgraph.bus.publish([
      createEvent('catalog.distributor.changed', {
        producer: 'catalog',
        subject: subjects.distributor(distributorId),
        data: { distributorId, name: 'Cold Spell', slug: `cold-spell-${distributorId}`, country: 'GB', currency: 'GBP', websiteUrl: null },
      }),
    ]);

  it("succeeds on the first run when the distributor's currency arrives after the run was started", async () => {
    const shop = await FakeShopify.start(2);
    shops.push(shop);
    const distributorId = randomUUID();
    const sourceId = await harness.createSource({ kind: 'SHOPIFY', url: shop.url, distributorId });
    const started = await harness.startRun(sourceId);
    // The run is under way and waiting: the catalog's event has not been consumed yet.
    const deadline = Date.now() + 10_000;
    while ((await harness.run(started.id)).status !== 'RUNNING') {
      if (Date.now() > deadline) throw new Error('the run did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(shop.requests).toBe(0);
    await announceDistributor(distributorId);

    const run = await harness.runToEnd(sourceId);
    expect(run.id).toBe(started.id);
    expect(run).toMatchObject({ status: 'SUCCEEDED', listingsNew: 2, errors: [] });
    const prices = (await harness.events(sourceId)).map((event) => event.data.price);
    expect(prices).toEqual([
      { amount: '20.00', currency: 'GBP' },
      { amount: '20.00', currency: 'GBP' },
    ]);
  });

  it('fails with currency-unknown only when the currency does not arrive within the wait, and runs again when it does', async () => {
    const shop = await FakeShopify.start(2);
    shops.push(shop);
    const distributorId = randomUUID();
    const sourceId = await harness.createSource({ kind: 'SHOPIFY', url: shop.url, distributorId });
    const run = await harness.runToEnd(sourceId);
    expect(run.status).toBe('FAILED');
    expect(run.errors.map((error) => error.code)).toEqual(['currency-unknown']);
    expect(shop.requests).toBe(0);
    expect(await harness.activeListings(sourceId)).toBe(0);
    // The late event is kept and starts the run again by itself: the first import is not lost.
    await announceDistributor(distributorId);
    const until = Date.now() + 15_000;
    for (;;) {
      const { parserRuns } = await harness.ok<{ parserRuns: { edges: { node: { id: string; status: string; trigger: string; listingsNew: number } }[] } }>(
        `query ($sourceId: ID!) { parserRuns(sourceId: $sourceId, first: 1) { edges { node { id status trigger listingsNew } } } }`,
        { sourceId },
      );
      const latest = parserRuns.edges[0]?.node;
      if (latest && latest.id !== run.id && latest.status === 'SUCCEEDED') {
        expect(latest).toMatchObject({ trigger: 'MANUAL', listingsNew: 2 });
        break;
      }
      if (Date.now() > until) throw new Error(`no rerun after the late distributor event: ${JSON.stringify(latest)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await harness.activeListings(sourceId)).toBe(2);
  });

  it('never publishes a zero price: the listing is kept with no price and the skip recorded', async () => {
    const { shop, sourceId } = await shopWithSource(2);
    shop.products[0]!.price = '0.00';
    const zeroPriced = shop.externalIdOf(shop.products[0]!);
    const run = await harness.runToEnd(sourceId);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.skipped.map((skip) => skip.code)).toContain('price-zero');
    const events = await harness.events(sourceId);
    expect(events.find((event) => event.data.externalId === zeroPriced)?.data.price).toBeNull();
  });

  it('marks a listing the shop no longer shows as removed, once', async () => {
    const { shop, sourceId } = await shopWithSource(6);
    await harness.runToEnd(sourceId);
    const gone = shop.externalIdOf(shop.products[3]!);
    shop.products = shop.products.filter((product) => product.id !== 4);
    const rerun = await harness.runToEnd(sourceId);
    expect(rerun).toMatchObject({ status: 'SUCCEEDED', listingsSeen: 5, listingsRemoved: 1, removalSuppressed: false });
    const removed = (await harness.events(sourceId)).filter((event) => event.type === 'raw.listing.removed');
    expect(removed.map((event) => event.data.externalId)).toEqual([gone]);
    expect(await harness.activeListings(sourceId)).toBe(5);
    expect(await harness.runToEnd(sourceId)).toMatchObject({ listingsRemoved: 0 });
  });

  it('removal guard: a run that sees far fewer listings removes nothing and is flagged, until the operator accepts the shrink', async () => {
    const { shop, sourceId } = await shopWithSource(10);
    await harness.runToEnd(sourceId);
    shop.products = shop.products.slice(0, 2);
    const guarded = await harness.runToEnd(sourceId);
    expect(guarded).toMatchObject({ status: 'PARTIAL', listingsSeen: 2, listingsRemoved: 0, removalSuppressed: true });
    expect(guarded.errors.map((error) => error.code)).toEqual(['removal-guard']);
    expect(await harness.activeListings(sourceId)).toBe(10);
    expect((await harness.events(sourceId)).filter((event) => event.type === 'raw.listing.removed')).toHaveLength(0);

    const accepted = await harness.runToEnd(sourceId, true);
    expect(accepted).toMatchObject({ status: 'SUCCEEDED', listingsRemoved: 8, removalSuppressed: false });
    expect(await harness.activeListings(sourceId)).toBe(2);
  });

  const brokenShops: { misbehaviour: ShopMisbehaviour; status: string; code: string | null }[] = [
    { misbehaviour: 'server-error', status: 'FAILED', code: 'http-error' },
    { misbehaviour: 'robots-disallow', status: 'FAILED', code: 'robots-disallowed' },
    { misbehaviour: 'redirect-loop', status: 'FAILED', code: 'redirect-loop' },
    { misbehaviour: 'huge-page', status: 'FAILED', code: 'too-large' },
    { misbehaviour: 'invalid-json', status: 'FAILED', code: 'parse-error' },
    { misbehaviour: 'second-page-error', status: 'PARTIAL', code: 'http-error' },
    { misbehaviour: 'rate-limited-once', status: 'SUCCEEDED', code: null },
  ];
  for (const broken of brokenShops) {
    it(`${broken.misbehaviour}: the run records ${broken.code ?? 'no error'} and loses nothing already stored`, async () => {
      const { shop, sourceId } = await shopWithSource(6);
      expect(await harness.runToEnd(sourceId)).toMatchObject({ status: 'SUCCEEDED', listingsNew: 6 });
      const eventsBefore = (await harness.events(sourceId)).length;
      shop.misbehaviour = broken.misbehaviour;

      const run = await harness.runToEnd(sourceId);
      expect(run.status).toBe(broken.status);
      if (broken.code === null) expect(run.errors).toEqual([]);
      else expect(run.errors.map((error) => error.code)).toContain(broken.code);
      expect(run.listingsRemoved).toBe(0);
      expect(await harness.activeListings(sourceId)).toBe(6);
      expect(await harness.events(sourceId)).toHaveLength(eventsBefore);
    });
  }

  it('starts one run per source however often it is asked', async () => {
    const { sourceId } = await shopWithSource(3);
    const [a, b] = await Promise.all([harness.startRun(sourceId), harness.startRun(sourceId)]);
    expect(a.id).toBe(b.id);
    const deadline = Date.now() + 20_000;
    while ((await harness.run(a.id)).status === 'QUEUED' || (await harness.run(a.id)).status === 'RUNNING') {
      if (Date.now() > deadline) throw new Error('run did not finish');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const c = await harness.startRun(sourceId);
    expect(c.id).not.toBe(a.id);

    const { sources } = await harness.ok<{ sources: { edges: { node: { id: string; lastRun: { id: string } | null } }[] } }>(`{ sources(first: 100) { edges { node { id lastRun { id } } } } }`);
    expect(sources.edges.find((edge) => edge.node.id === sourceId)?.node.lastRun?.id).toBe(c.id);
    const neverRun = await harness.createSource({ kind: 'FEED', url: 'https://quiet.example/feed.xml' });
    const { source } = await harness.ok<{ source: { lastRun: null } }>(`query ($id: ID!) { source(id: $id) { lastRun { id } } }`, { id: neverRun });
    expect(source.lastRun).toBeNull();
  });
});

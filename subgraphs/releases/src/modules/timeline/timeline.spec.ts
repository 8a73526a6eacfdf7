import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogListingRemovedSchema, type Format, type StockStatus } from '@mrt/events';
import { executeOk } from '@mrt/graphql-kit/testing';
import { OutTodayService } from '../out-today/out-today.service.js';
import { ReleasesHarness, SOURCE_A, listing } from '../../testing/releases-test-kit.js';

let h: ReleasesHarness;
const band = randomUUID();
const [shopA, shopB] = [randomUUID(), randomUUID()];

beforeAll(async () => {
  h = await ReleasesHarness.open();
});
afterAll(async () => h?.close());

describe('Release.timeline', () => {
  it('tells the life of a release across shops from a sequence of shop runs', async () => {
    const lp = { distributorId: shopA, externalId: 'lp-1', url: 'https://shop-a.example/lp-1', format: 'LP' as Format };
    const cd = { distributorId: shopB, externalId: 'cd-1', url: 'https://shop-b.example/cd-1', format: 'CD' as Format };
    // One parser run of one shop: the listing as found at that moment.
    const run = (offer: typeof lp, at: string, stock: StockStatus, amount: string, currency = 'EUR') =>
      h.listing(listing({ bandIds: [band], bandNames: ['Wiegedood'], title: 'There Have Always Been Fires', releaseDate: { date: '2030-01-05', precision: 'DAY', text: null }, ...offer, stock, price: { amount, currency }, capturedAt: at }));
    // The first run found it before the tracker knew the release: that run announces it.
    await run(lp, '2020-01-01T10:00:00.000Z', 'PRE_ORDER', '30.00');
    await run(cd, '2030-01-02T10:00:00.000Z', 'IN_STOCK', '12.00', 'GBP');
    await run(lp, '2030-01-02T10:00:00.000Z', 'PRE_ORDER', '30.00');
    await new OutTodayService(h.t.db.dataSource).run('2030-01-05');
    await run(lp, '2030-01-05T10:00:00.000Z', 'IN_STOCK', '30.00');
    await run(lp, '2030-01-09T10:00:00.000Z', 'IN_STOCK', '27.50');
    await run(cd, '2030-01-10T10:00:00.000Z', 'OUT_OF_STOCK', '12.00', 'GBP');
    await run(cd, '2030-01-20T10:00:00.000Z', 'IN_STOCK', '12.50', 'GBP');
    await h.run((ingest, manager) =>
      ingest.listingRemoved(catalogListingRemovedSchema.parse({ sourceId: SOURCE_A, ...lp, removedAt: '2030-02-01T10:00:00.000Z' }), manager),
    );

    const id = ((await h.t.db.dataSource.query(`SELECT id FROM release WHERE band_id = $1`, [band])) as { id: string }[])[0]!.id;
    const data = await executeOk<{ release: { timeline: { kind: string; at: string; distributor: { id: string } | null; format: string | null; price: { amount: string; currency: string } | null; offer: { url: string } | null }[] } }>(
      h.t.apollo,
      `query($id: ID!) { release(id: $id) { timeline { kind at distributor { id } format price { amount currency } offer { url } } } }`,
      { variables: { id } },
    );
    const steps = data.release.timeline.map((step) => [step.kind, step.at.slice(0, 10), step.distributor?.id ?? null, step.price ? `${step.price.amount} ${step.price.currency}` : null]);
    expect(steps).toEqual([
      ['ANNOUNCED', '2020-01-01', null, null],
      ['PRE_ORDER_OPENED', '2020-01-01', shopA, '30.00 EUR'],
      ['IN_STOCK', '2030-01-02', shopB, '12.00 GBP'],
      ['OUT_TODAY', '2030-01-05', null, null],
      ['IN_STOCK', '2030-01-05', shopA, '30.00 EUR'],
      ['PRICE_DROP', '2030-01-09', shopA, '27.50 EUR'],
      ['SOLD_OUT', '2030-01-10', shopB, '12.00 GBP'],
      ['BACK_IN_STOCK', '2030-01-20', shopB, '12.50 GBP'],
      ['PRICE_INCREASE', '2030-01-20', shopB, '12.50 GBP'],
      ['REMOVED', '2030-02-01', shopA, '27.50 EUR'],
    ]);
    expect(data.release.timeline[1]).toMatchObject({ format: 'LP', offer: { url: lp.url } });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogListingRemovedSchema, createEvent, subjects, type EventData, type Format } from '@mrt/events';
import { executeOk } from '@mrt/graphql-kit/testing';
import { bruteForceRanking, type DeliveredModel, type ModelOffer, type ShippingTable } from '../../testing/delivered-brute-force.js';
import { ReleasesHarness, SOURCE_A, listing } from '../../testing/releases-test-kit.js';
import { DeliveredPriceStore } from './delivered-price.store.js';

/**
 * The delivered-price table follows every change that moves a delivered price, in the change's
 * own transaction: after each offer, shipping-table, rate and band change the ranking is compared
 * with a brute-force computation over what the spec fed the subgraph.
 */
const EU = ['AT', 'BE', 'FR', 'IT', 'NL', 'PL', 'ES'];
const model: DeliveredModel = { shops: {}, catalogue: new Map(), ids: new Map(), rates: { USD: '1.0812', GBP: '0.8421', PLN: '4.3160', UAH: '45.2000' } };
const bandA = randomUUID();
const bandB = randomUUID();
// The listing behind each model offer, to reprice or remove it later.
const listings = new Map<ModelOffer, EventData<'catalog.listing.resolved'>>();
let h: ReleasesHarness;

const shopDE = randomUUID();
const shopGB = randomUUID();
const shopPL = randomUUID();
const shopUS = randomUUID();
const TABLES: Record<string, ShippingTable> = {
  [shopDE]: {
    distributorId: shopDE,
    currency: 'EUR',
    zones: [
      { countries: ['DE'], freeShippingFrom: '60.00', costs: { CD: '4.99', LP: '6.99' } },
      { countries: EU, freeShippingFrom: null, costs: { CD: '9.99', LP: '14.99' } },
      { countries: ['*'], freeShippingFrom: null, costs: { CD: '14.00', LP: '24.00' } },
    ],
  },
  [shopGB]: {
    distributorId: shopGB,
    currency: 'GBP',
    zones: [
      { countries: ['GB'], freeShippingFrom: '40.00', costs: { CD: '3.20', LP: '4.50' } },
      { countries: ['*'], freeShippingFrom: null, costs: { CD: '12.50', LP: '22.00' } },
    ],
  },
  // An LP is too heavy to send abroad alone.
  [shopPL]: {
    distributorId: shopPL,
    currency: 'PLN',
    zones: [
      { countries: ['PL'], freeShippingFrom: '200.00', costs: { CD: '12.00', LP: '15.00' } },
      { countries: ['*'], freeShippingFrom: null, costs: { CD: '55.00' } },
    ],
  },
  [shopUS]: { distributorId: shopUS, currency: 'USD', zones: [{ countries: ['US'], freeShippingFrom: '75.00', costs: { CD: '5.50', LP: '9.95' } }] },
};
const CURRENCY: Record<string, string> = { [shopDE]: 'EUR', [shopGB]: 'GBP', [shopPL]: 'PLN', [shopUS]: 'USD' };
// Countries some shop names, countries only "*" zones serve, and one no shop names at first.
const DESTINATIONS: [string, string][] = [
  ['DE', 'EUR'],
  ['FR', 'EUR'],
  ['PL', 'PLN'],
  ['GB', 'GBP'],
  ['US', 'USD'],
  ['UA', 'UAH'],
  ['JP', 'USD'],
];

function shippingTable(table: ShippingTable) {
  model.shops[table.distributorId] = table;
  return h.consume(createEvent('shipping.table.updated', { producer: 'delivery', subject: subjects.distributor(table.distributorId), data: table }));
}

/** Key: band letter and title, so two bands' releases of one title stay apart. */
async function offer(key: string, distributorId: string, format: Format, amount: string): Promise<ModelOffer> {
  const [bandLetter, title] = key.split(':') as [string, string];
  const bandId = bandLetter === 'A' ? bandA : bandB;
  const added: ModelOffer = { distributorId, format, price: { amount, currency: CURRENCY[distributorId]! } };
  const data = listing({ bandIds: [bandId], bandNames: [`Band ${bandLetter}`], title, distributorId, format, price: added.price });
  await h.listing(data);
  listings.set(added, data);
  model.catalogue.set(key, [...(model.catalogue.get(key) ?? []), added]);
  const [row]: { id: string }[] = await h.t.db.dataSource.query(`SELECT id FROM release WHERE band_id = $1 AND title = $2`, [bandId, title]);
  model.ids.set(key, row!.id);
  return added;
}

async function reprice(key: string, old: ModelOffer, amount: string): Promise<void> {
  const data = listings.get(old)!;
  const repriced: ModelOffer = { ...old, price: { amount, currency: old.price.currency } };
  await h.listing({ ...data, price: repriced.price, contentHash: randomUUID(), capturedAt: new Date().toISOString() });
  listings.set(repriced, data);
  model.catalogue.set(key, model.catalogue.get(key)!.map((o) => (o === old ? repriced : o)));
}

async function remove(key: string, gone: ModelOffer): Promise<void> {
  const data = listings.get(gone)!;
  const removed = catalogListingRemovedSchema.parse({ sourceId: SOURCE_A, distributorId: null, externalId: data.externalId, url: data.url, removedAt: new Date().toISOString() });
  await h.run((ingest, manager) => ingest.listingRemoved(removed, manager));
  model.catalogue.set(key, model.catalogue.get(key)!.filter((o) => o !== gone));
}

type Node = { id: string; lowestDeliveredPrice: { total: { amount: string } | null } | null };
const LIST = `query($country: String!, $currency: String, $after: String, $bands: [ID!]!) {
  releases(filter: { bandIds: $bands }, sort: DELIVERED_PRICE_ASC, country: $country, currency: $currency, first: 5, after: $after) {
    edges { node { id lowestDeliveredPrice(country: $country, currency: $currency) { total { amount } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The whole ranking, a page of five at a time (pages cross from ranked releases into the undeliverable tail). */
async function ranked(country: string, currency: string): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data: { releases: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await executeOk(h.t.apollo, LIST, {
      variables: { country, currency, after, bands: [bandA, bandB] },
    });
    nodes.push(...data.releases.edges.map((edge) => edge.node));
    if (!data.releases.pageInfo.hasNextPage) break;
    after = data.releases.pageInfo.endCursor;
  }
  return nodes;
}

/** Every destination ranks as the brute force does: order, and the total shown. */
async function expectBruteForce(): Promise<void> {
  for (const [country, currency] of DESTINATIONS) {
    const expected = bruteForceRanking(model, country, currency);
    const nodes = await ranked(country, currency);
    expect({ country, ids: nodes.map((node) => node.id) }).toEqual({ country, ids: expected.map((release) => release.id) });
    expect({ country, totals: nodes.map((node) => node.lowestDeliveredPrice?.total?.amount ?? null) }).toEqual({
      country,
      totals: expected.map((release) => release.best?.total ?? null),
    });
  }
}

const keys = async (): Promise<string[]> =>
  (await h.t.db.dataSource.query(`SELECT DISTINCT country FROM release_delivered_price`)).map((row: { country: string }) => row.country).sort();

const offers: Record<string, ModelOffer> = {};

beforeAll(async () => {
  h = await ReleasesHarness.open();
  await h.rates(model.rates);
  for (const table of Object.values(TABLES)) await shippingTable(table);
  offers.a1 = await offer('A:Release 01', shopDE, 'CD', '14.99');
  offers.a1b = await offer('A:Release 01', shopPL, 'CD', '49.00');
  offers.a2 = await offer('A:Release 02', shopGB, 'LP', '22.50');
  offers.a3 = await offer('A:Release 03', shopPL, 'LP', '89.00');
  offers.a4 = await offer('A:Release 04', shopUS, 'CD', '12.00');
  offers.a4b = await offer('A:Release 04', shopDE, 'LP', '27.00');
  offers.a5 = await offer('A:Release 05', shopGB, 'CD', '9.50');
  offers.a6 = await offer('A:Release 06', shopDE, 'CD', '61.00');
  offers.a7 = await offer('A:Release 07', shopPL, 'CD', '39.90');
  offers.a8 = await offer('A:Release 08', shopUS, 'LP', '24.00');
  offers.b2 = await offer('B:Release 02', shopDE, 'CD', '11.00');
  offers.b9 = await offer('B:Release 09', shopGB, 'LP', '19.99');
});
afterAll(async () => h?.close());

describe('the delivered-price table', () => {
  it('ranks the first catalogue as the brute force does', async () => {
    await expectBruteForce();
    // Keys: '*' and the countries shops name, not every country asked for.
    expect(await keys()).toEqual([...new Set(['*', ...EU, 'DE', 'GB', 'US'])].sort());
  });

  it('follows offers repriced, added and across a free-shipping threshold', async () => {
    await reprice('A:Release 03', offers.a3!, '41.00');
    await reprice('A:Release 05', offers.a5!, '40.00');
    await offer('A:Release 07', shopGB, 'CD', '7.99');
    await offer('A:Release 06', shopUS, 'CD', '3.00');
    await expectBruteForce();
  });

  it('follows removed offers, down to a release nothing can be sent from', async () => {
    await remove('A:Release 01', offers.a1!);
    await remove('A:Release 08', offers.a8!);
    await expectBruteForce();
    expect(model.catalogue.get('A:Release 08')).toEqual([]);
  });

  it('follows shipping tables: costs changed, a country newly named, a country no longer named', async () => {
    await shippingTable({
      ...TABLES[shopGB]!,
      zones: [
        { countries: ['GB'], freeShippingFrom: '35.00', costs: { CD: '2.80', LP: '4.50' } },
        { countries: ['UA', 'JP'], freeShippingFrom: null, costs: { CD: '1.00', LP: '30.00' } },
        { countries: ['*'], freeShippingFrom: null, costs: { CD: '10.00', LP: '25.00' } },
      ],
    });
    expect(await keys()).toContain('UA');
    await expectBruteForce();
    await shippingTable({ ...TABLES[shopUS]!, zones: [...TABLES[shopUS]!.zones, { countries: ['*'], freeShippingFrom: null, costs: { CD: '19.00' } }] });
    await expectBruteForce();
    await shippingTable(TABLES[shopGB]!);
    expect(await keys()).not.toContain('UA');
    await expectBruteForce();
  });

  it('follows rate changes of shelf and shipping currencies', async () => {
    model.rates = { ...model.rates, GBP: '0.7012', PLN: '4.9000', USD: '0.9500' };
    await h.rates(model.rates, '2026-11-21');
    await expectBruteForce();
  });

  it('follows a band merge: the merged release ranks by the offers of both', async () => {
    await h.run((ingest, manager) => ingest.bandMerged({ sourceBandId: bandB, targetBandId: bandA }, manager));
    model.catalogue.set('A:Release 02', [...model.catalogue.get('A:Release 02')!, ...model.catalogue.get('B:Release 02')!]);
    model.catalogue.delete('B:Release 02');
    model.ids.delete('B:Release 02');
    await expectBruteForce();
  });

  it('holds after all that what a rebuild from scratch computes', async () => {
    const snapshot = () => h.t.db.dataSource.query(`SELECT release_id, country, eur::text FROM release_delivered_price ORDER BY country, release_id`);
    const kept = await snapshot();
    await h.t.db.dataSource.query(`DELETE FROM release_delivered_price`);
    await new DeliveredPriceStore(h.t.db.dataSource).refreshAll();
    expect(await snapshot()).toEqual(kept);
    expect(kept.length).toBeGreaterThan(0);
  });
});

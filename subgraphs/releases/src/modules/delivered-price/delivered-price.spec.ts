import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, subjects, type Format } from '@mrt/events';
import { executeErrors, executeOk } from '@mrt/graphql-kit/testing';
import { CurrencyConverter, type Money } from '@mrt/money';
import { bruteForceDelivered, bruteForceRanking, type ModelOffer, type ShippingTable } from '../../testing/delivered-brute-force.js';
import { ReleasesHarness, listing } from '../../testing/releases-test-kit.js';

/**
 * Ranking by the cheapest single copy delivered to a country, checked against a brute-force
 * computation over the same offers and the shipping tables delivery publishes.
 */
const RATES = { USD: '1.0812', GBP: '0.8421', PLN: '4.3160', UAH: '45.2000' };
const rates = new CurrencyConverter('2026-11-20', RATES);
const EU = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
const shops: Record<string, ShippingTable> = {};
function shop(currency: string, zones: ShippingTable['zones']): string {
  const distributorId = randomUUID();
  shops[distributorId] = { distributorId, currency, zones };
  return distributorId;
}
const shopDE = shop('EUR', [
  { countries: ['DE'], freeShippingFrom: '60.00', costs: { CD: '4.99', LP: '6.99' } },
  { countries: EU, freeShippingFrom: null, costs: { CD: '9.99', LP: '14.99' } },
  { countries: ['*'], freeShippingFrom: null, costs: { CD: '14.00', LP: '24.00' } },
]);
const shopGB = shop('GBP', [
  { countries: ['GB'], freeShippingFrom: '40.00', costs: { CD: '3.20', LP: '4.50' } },
  { countries: ['*'], freeShippingFrom: null, costs: { CD: '12.50', LP: '22.00' } },
]);
// An LP is too heavy to send abroad alone.
const shopPL = shop('PLN', [
  { countries: ['PL'], freeShippingFrom: '200.00', costs: { CD: '12.00', LP: '15.00' } },
  { countries: ['*'], freeShippingFrom: null, costs: { CD: '55.00' } },
]);
const shopUS = shop('USD', [{ countries: ['US'], freeShippingFrom: '75.00', costs: { CD: '5.50', LP: '9.95' } }]);
// A shop delivery has no table for: nothing it sells is deliverable anywhere.
const shopUnknown = randomUUID();
const SHOP_CURRENCY: Record<string, string> = { [shopDE]: 'EUR', [shopGB]: 'GBP', [shopPL]: 'PLN', [shopUS]: 'USD', [shopUnknown]: 'EUR' };

const band = randomUUID();
const catalogue = new Map<string, ModelOffer[]>();
const ids = new Map<string, string>();
let h: ReleasesHarness;

// A small deterministic generator: the same catalogue on every run.
let seed = 20261120;
const next = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

beforeAll(async () => {
  h = await ReleasesHarness.open();
  await h.rates(RATES);
  for (const table of Object.values(shops)) {
    await h.consume(createEvent('shipping.table.updated', { producer: 'delivery', subject: subjects.distributor(table.distributorId), data: table }));
  }
  const shopIds = [shopDE, shopGB, shopPL, shopUS, shopUnknown];
  for (let i = 0; i < 30; i++) {
    const title = `Release ${String(i).padStart(2, '0')}`;
    const offers: ModelOffer[] = [];
    for (let n = 1 + next(3); n > 0; n--) {
      const distributorId = shopIds[next(shopIds.length)]!;
      const currency = SHOP_CURRENCY[distributorId]!;
      const whole = currency === 'PLN' ? 40 + next(120) : 8 + next(45);
      offers.push({ distributorId, format: next(2) === 0 ? 'CD' : 'LP', price: { amount: `${whole}.${String(next(100)).padStart(2, '0')}`, currency } });
    }
    catalogue.set(title, offers);
    for (const offer of offers) await h.listing(listing({ bandIds: [band], bandNames: ['Drudkh'], title, ...offer }));
  }
  const rows: { id: string; title: string }[] = await h.t.db.dataSource.query(`SELECT id, title FROM release WHERE band_id = $1`, [band]);
  for (const row of rows) ids.set(row.title, row.id);
});
afterAll(async () => h?.close());

const model = () => ({ shops, catalogue, ids, rates: RATES });
function bruteForce(country: string, currency: string) {
  return bruteForceRanking(model(), country, currency);
}

type Node = { title: string; lowestDeliveredPrice: { total: { amount: string; currency: string } | null; freeShipping: boolean } | null };
const LIST = `query($country: String!, $currency: String, $first: Int, $after: String, $band: ID!) {
  releases(filter: { bandIds: [$band] }, sort: DELIVERED_PRICE_ASC, country: $country, currency: $currency, first: $first, after: $after) {
    edges { node { title lowestDeliveredPrice(country: $country, currency: $currency) { total { amount currency } freeShipping } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function ranked(country: string, currency: string, first = 100): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data: { releases: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await executeOk(h.t.apollo, LIST, {
      variables: { country, currency, first, after, band },
    });
    nodes.push(...data.releases.edges.map((edge) => edge.node));
    if (!data.releases.pageInfo.hasNextPage) break;
    after = data.releases.pageInfo.endCursor;
  }
  return nodes;
}

describe('cheapest to my door', () => {
  it.each([
    ['UA', 'UAH'],
    ['DE', 'EUR'],
    ['GB', 'GBP'],
    ['PL', 'PLN'],
    ['US', 'USD'],
  ])('ranks releases delivered to %s in %s exactly as a brute-force computation does', async (country, currency) => {
    const expected = bruteForce(country, currency);
    const nodes = await ranked(country, currency);
    expect(nodes.map((node) => node.title)).toEqual(expected.map((release) => release.title));
    expect(nodes.map((node) => node.lowestDeliveredPrice?.total?.amount ?? null)).toEqual(expected.map((release) => release.best?.total ?? null));
    expect(nodes.filter((node) => node.lowestDeliveredPrice).every((node) => node.lowestDeliveredPrice!.total!.currency === currency)).toBe(true);
    // The catalogue is meant to exercise every rule: some releases undeliverable, some free shipping.
    expect(expected.some((release) => !release.best)).toBe(true);
  });

  it('pages through the ranking without gaps or repeats', async () => {
    const all = await ranked('UA', 'UAH');
    expect((await ranked('UA', 'UAH', 7)).map((node) => node.title)).toEqual(all.map((node) => node.title));
  });

  it('tells a free-shipping delivery from a paid one and names the offer and parts', async () => {
    const release = [...catalogue.entries()].find(([, offers]) => offers.some((o) => o.distributorId === shopGB))!;
    const data = await executeOk<{ release: { lowestDeliveredPrice: { offer: { id: string }; shelfPrice: Money; shipping: Money; total: Money; ratesDate: string | null } } }>(
      h.t.apollo,
      `query($id: ID!) { release(id: $id) { lowestDeliveredPrice(country: "GB", currency: "GBP") {
        offer { id } shelfPrice { amount currency } shipping { amount currency } total { amount currency } ratesDate } } }`,
      { variables: { id: ids.get(release[0]) } },
    );
    const delivered = data.release.lowestDeliveredPrice;
    const parts = [delivered.shelfPrice, delivered.shipping].map((money) => Number(rates.convert(money, 'GBP')!.amount));
    expect(Number(delivered.total.amount)).toBeCloseTo(parts[0]! + parts[1]!, 6);
    expect(delivered.ratesDate === null).toBe(delivered.shelfPrice.currency === 'GBP' && delivered.shipping.currency === 'GBP');
  });

  it("prices each offer delivered by the same rule, the cheapest of them being the release's lowest", async () => {
    type Delivered = { total: { amount: string; currency: string } | null } | null;
    for (const [title, offers] of [...catalogue.entries()].slice(0, 10)) {
      const data = await executeOk<{ release: { lowestDeliveredPrice: Delivered; offers: { price: Money; format: Format; distributor: { id: string }; deliveredPrice: Delivered }[] } }>(
        h.t.apollo,
        `query($id: ID!) { release(id: $id) { lowestDeliveredPrice(country: "DE", currency: "PLN") { total { amount currency } }
          offers { price { amount currency } format distributor { id } deliveredPrice(country: "DE", currency: "PLN") { total { amount currency } } } } }`,
        { variables: { id: ids.get(title) } },
      );
      const { offers: shown, lowestDeliveredPrice } = data.release;
      expect(shown).toHaveLength(offers.length);
      for (const offer of shown) {
        const expected = bruteForceDelivered(model(), { distributorId: offer.distributor.id, format: offer.format, price: offer.price }, 'DE', 'PLN');
        expect(offer.deliveredPrice?.total ?? null).toEqual(expected ? { amount: expected.total, currency: 'PLN' } : null);
      }
      const totals = shown.flatMap((offer) => (offer.deliveredPrice?.total ? [offer.deliveredPrice.total.amount] : []));
      const cheapest = totals.sort((a, b) => Number(a) - Number(b))[0];
      expect(lowestDeliveredPrice?.total?.amount ?? undefined).toBe(cheapest);
    }
  });

  it('refuses an unknown country or a delivered sort without one, naming the argument', async () => {
    const cases: [string, Record<string, unknown>][] = [
      [`{ releases(sort: DELIVERED_PRICE_ASC) { edges { node { id } } } }`, {}],
      [`{ releases(sort: DELIVERED_PRICE_ASC, country: "XX") { edges { node { id } } } }`, {}],
      [`query($id: ID!) { release(id: $id) { lowestDeliveredPrice(country: "EU") { total { amount } } } }`, { id: ids.get('Release 00') }],
    ];
    for (const [query, variables] of cases) {
      const errors = await executeErrors(h.t.apollo, query, { variables });
      expect(errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'country' }] });
    }
  });
});

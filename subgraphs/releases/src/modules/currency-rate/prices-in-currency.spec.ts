import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk } from '@mrt/graphql-kit/testing';
import { ReleasesHarness, listing } from '../../testing/releases-test-kit.js';

/**
 * Prices compared in the viewer's currency. Hand-computed at the rates of 2026-11-20
 * (1 EUR = 1.0812 USD = 0.8421 GBP = 4.3160 PLN), each conversion rounded once, half away from zero.
 */
let h: ReleasesHarness;
const band = randomUUID();
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await ReleasesHarness.open();
  await h.rates({ USD: '1.0812', GBP: '0.8421', PLN: '4.3160' });
  const offer = (title: string, amount: string, currency: string) =>
    h.listing(listing({ bandIds: [band], bandNames: ['Kampfar'], title, distributorId: randomUUID(), price: { amount, currency } }));
  // Compared as bare numbers these would sort 8.99 < 10.00 < 11.50 < 39.00; in euros they are
  // 8.99, 9.2490 (USD), 13.6563 (GBP) and 9.0361 (PLN).
  await offer('In Euro', '8.99', 'EUR');
  await offer('In Pounds', '11.50', 'GBP');
  await offer('In Zloty', '39.00', 'PLN');
  await offer('In Dollars', '10.00', 'USD');
  // One release sold in four currencies: 12.00 EUR, 10.00 GBP (11.8751 EUR), 50.00 PLN (11.5848 EUR), 13.00 USD (12.0237 EUR).
  await offer('Mixed', '12.00', 'EUR');
  await offer('Mixed', '10.00', 'GBP');
  await offer('Mixed', '50.00', 'PLN');
  await offer('Mixed', '13.00', 'USD');
  // Hryvnia has no ECB rate: never compared, never shown as a made-up number.
  await offer('In Hryvnia', '300.00', 'UAH');
  const rows: { id: string; title: string }[] = await h.t.db.dataSource.query(`SELECT id, title FROM release WHERE band_id = $1`, [band]);
  for (const row of rows) ids[row.title] = row.id;
});
afterAll(async () => h?.close());

type Listed = { title: string; lowestPrice: { amount: string; currency: string } | null };
async function list(currency: string | null, filter: Record<string, unknown> = {}): Promise<Listed[]> {
  const data = await executeOk<{ releases: { edges: { node: Listed }[] } }>(
    h.t.apollo,
    `query($filter: ReleaseFilter, $currency: String, $lowestIn: String) {
      releases(filter: $filter, sort: PRICE_ASC, currency: $currency, first: 50) { edges { node { title lowestPrice(currency: $lowestIn) { amount currency } } } }
    }`,
    { variables: { filter: { bandIds: [band], ...filter }, currency, lowestIn: currency ?? 'EUR' } },
  );
  return data.releases.edges.map((edge) => edge.node);
}

describe('prices in the viewer currency', () => {
  it('converts an offer price on request, with the rates day, against hand-computed values', async () => {
    const query = `query($id: ID!) { release(id: $id) { offers {
      eur: priceIn(currency: "EUR") { price { amount currency } shopPrice { amount currency } ratesDate missingRateFor }
      usd: priceIn(currency: "USD") { price { amount } }
      pln: priceIn(currency: "PLN") { price { amount } }
      gbp: priceIn(currency: "GBP") { price { amount } ratesDate }
    } } }`;
    type Converted = { price: { amount: string } | null };
    const offers = async (title: string) =>
      (await executeOk<{ release: { offers: { eur: Converted & Record<string, unknown>; usd: Converted; pln: Converted; gbp: Converted & { ratesDate: string | null } }[] } }>(h.t.apollo, query, { variables: { id: ids[title] } })).release.offers;

    const [pounds] = await offers('In Pounds');
    // 11.50 / 0.8421 = 13.656335 -> 13.66; x 4.3160 = 58.940743 -> 58.94; x 1.0812 = 14.765230 -> 14.77
    expect(pounds!.eur).toEqual({ price: { amount: '13.66', currency: 'EUR' }, shopPrice: { amount: '11.50', currency: 'GBP' }, ratesDate: '2026-11-20', missingRateFor: null });
    expect([pounds!.pln.price?.amount, pounds!.usd.price?.amount]).toEqual(['58.94', '14.77']);
    // The shop's own currency needs no rate.
    expect(pounds!.gbp).toEqual({ price: { amount: '11.50' }, ratesDate: null });

    const [zloty] = await offers('In Zloty');
    // 39.00 / 4.3160 = 9.036145 -> 9.04; x 0.8421 = 7.609337 -> 7.61
    expect([zloty!.eur.price?.amount, zloty!.gbp.price?.amount]).toEqual(['9.04', '7.61']);
    const [euro] = await offers('In Euro');
    // 8.99 x 1.0812 = 9.719988 -> 9.72; x 0.8421 = 7.570479 -> 7.57; x 4.3160 = 38.80084 -> 38.80
    expect([euro!.usd.price?.amount, euro!.gbp.price?.amount, euro!.pln.price?.amount]).toEqual(['9.72', '7.57', '38.80']);
    const [dollars] = await offers('In Dollars');
    // 10.00 / 1.0812 = 9.248983 -> 9.25; x 4.3160 = 39.918609 -> 39.92; x 0.8421 = 7.788568 -> 7.79
    expect([dollars!.eur.price?.amount, dollars!.pln.price?.amount, dollars!.gbp.price?.amount]).toEqual(['9.25', '39.92', '7.79']);
  });

  it.each(['EUR', 'GBP', 'USD', 'PLN'])('sorts the offers of a release cheapest first in %s', async (currency) => {
    const data = await executeOk<{ release: { offers: { price: { currency: string }; priceIn: { price: { amount: string } } }[] } }>(
      h.t.apollo,
      `query($id: ID!, $currency: String!) { release(id: $id) { offers { price { currency } priceIn(currency: $currency) { price { amount } } } } }`,
      { variables: { id: ids['Mixed'], currency } },
    );
    expect(data.release.offers.map((offer) => offer.price.currency)).toEqual(['PLN', 'GBP', 'EUR', 'USD']);
    const amounts = data.release.offers.map((offer) => Number(offer.priceIn.price.amount));
    expect([...amounts].sort((a, b) => a - b)).toEqual(amounts);
  });

  it.each(['EUR', 'GBP', 'USD', 'PLN'])('ranks releases by converted price in %s, cheapest really first, unconvertible last', async (currency) => {
    const page = await list(currency);
    expect(page.map((release) => release.title)).toEqual(['In Euro', 'In Zloty', 'In Dollars', 'Mixed', 'In Pounds', 'In Hryvnia']);
    const shown = page.slice(0, 5).map((release) => release.lowestPrice!);
    expect(shown.every((price) => price.currency === currency)).toBe(true);
    const amounts = shown.map((price) => Number(price.amount));
    expect([...amounts].sort((a, b) => a - b)).toEqual(amounts);
    expect(page[5]!.lowestPrice).toBeNull();
  });

  it('shows the lowest price in its shop currency without an argument, and in the asked one with it', async () => {
    const data = await executeOk<{ release: { own: unknown; pln: unknown; in: unknown } }>(
      h.t.apollo,
      `query($id: ID!) { release(id: $id) { own: lowestPrice { amount currency } pln: lowestPrice(currency: "PLN") { amount currency }
        in: lowestPriceIn(currency: "USD") { price { amount currency } shopPrice { amount currency } ratesDate } } }`,
      { variables: { id: ids['Mixed'] } },
    );
    expect(data.release).toEqual({
      own: { amount: '50.00', currency: 'PLN' },
      pln: { amount: '50.00', currency: 'PLN' },
      // 50.00 x 1.0812 / 4.3160 = 12.525487 -> 12.53
      in: { price: { amount: '12.53', currency: 'USD' }, shopPrice: { amount: '50.00', currency: 'PLN' }, ratesDate: '2026-11-20' },
    });
  });

  it('filters priceMin / priceMax on the price as shown in the list currency, to the cent', async () => {
    const titles = async (currency: string | null, filter: Record<string, unknown>) => (await list(currency, filter)).map((release) => release.title);
    // In GBP: In Euro 7.57, In Zloty 7.61 (7.609337), In Dollars 7.79, Mixed 9.76 / 10.00 / 10.11 / 10.13, In Pounds 11.50.
    expect(await titles('GBP', { priceMax: '7.61' })).toEqual(['In Euro', 'In Zloty']);
    expect(await titles('GBP', { priceMax: '7.60' })).toEqual(['In Euro']);
    expect(await titles('GBP', { priceMin: '7.61', priceMax: '7.79' })).toEqual(['In Zloty', 'In Dollars']);
    expect(await titles('GBP', { priceMin: '11.50' })).toEqual(['In Pounds']);
    // The default list currency is the euro: 9.04 (PLN) and 9.25 (USD) fall in, 8.99 does not.
    expect(await titles(null, { priceMin: '9.00', priceMax: '9.25' })).toEqual(['In Zloty', 'In Dollars']);
    // Hryvnia prices are only judged in hryvnia.
    expect(await titles('UAH', { priceMin: '300', priceMax: '300' })).toEqual(['In Hryvnia']);
  });

  it('re-ranks when the rates change, and ignores an older day arriving late', async () => {
    // 39.00 PLN at 3.9000 is exactly 10.00 EUR: now dearer than 10.00 USD (9.25 EUR).
    await h.rates({ PLN: '3.9000' }, '2026-11-21');
    expect((await list('EUR')).map((release) => [release.title, release.lowestPrice?.amount])).toEqual([
      ['In Euro', '8.99'],
      ['In Dollars', '9.25'],
      ['In Zloty', '10.00'],
      ['Mixed', '11.88'],
      ['In Pounds', '13.66'],
      ['In Hryvnia', undefined],
    ]);
    await h.rates({ PLN: '5.0000' }, '2026-11-19');
    expect((await list('EUR')).map((release) => release.title).slice(0, 3)).toEqual(['In Euro', 'In Dollars', 'In Zloty']);
    await h.rates({ PLN: '4.3160' }, '2026-11-22');
    expect((await list('EUR')).map((release) => release.title).slice(0, 3)).toEqual(['In Euro', 'In Zloty', 'In Dollars']);
  });

  it('gives a null price with the missing rate, never a wrong number', async () => {
    const data = await executeOk<{ hryvnia: { offers: unknown[] }; euro: { offers: unknown[] } }>(
      h.t.apollo,
      `query($a: ID!, $b: ID!) {
        hryvnia: release(id: $a) { offers { priceIn(currency: "EUR") { price { amount } shopPrice { amount currency } ratesDate missingRateFor } } }
        euro: release(id: $b) { offers { priceIn(currency: "UAH") { price { amount } missingRateFor } } }
      }`,
      { variables: { a: ids['In Hryvnia'], b: ids['In Euro'] } },
    );
    expect(data.hryvnia.offers).toEqual([{ priceIn: { price: null, shopPrice: { amount: '300.00', currency: 'UAH' }, ratesDate: null, missingRateFor: 'UAH' } }]);
    expect(data.euro.offers).toEqual([{ priceIn: { price: null, missingRateFor: 'UAH' } }]);
  });

  it('refuses a currency that does not exist, naming the argument', async () => {
    for (const query of [
      `{ releases(currency: "XYZ") { edges { node { id } } } }`,
      `query($id: ID!) { release(id: $id) { lowestPrice(currency: "EURO") { amount } } }`,
      `query($id: ID!) { release(id: $id) { offers { priceIn(currency: "ABC") { price { amount } } } } }`,
    ]) {
      const errors = await executeErrors(h.t.apollo, query, { variables: { id: ids['In Euro'] } });
      expect(errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'currency' }] });
    }
  });
});

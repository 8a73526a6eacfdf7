import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { openDelivery, publishOffers, setProfile, storeRates } from '../../test-support/delivery-fixture.js';

let t: TestSubgraph;
const SHOP_DE = randomUUID();
const SHOP_GB = randomUUID();
const NO_PROFILE = randomUUID();
let lp: string, cd: string, soldOut: string, elsewhere: string;

beforeAll(async () => {
  t = await openDelivery();
  await storeRates(t.db, '2026-11-20', { USD: '1.0812', GBP: '0.8421', PLN: '4.3160' });
  await setProfile(t, {
    distributorId: SHOP_DE,
    shipsFrom: 'DE',
    currency: 'EUR',
    handlingFee: '1.00',
    zones: [{ name: 'EU', countries: ['EU'], carrier: { name: 'DHL', tracked: true, minDays: 3, maxDays: 7 }, rates: [{ minGrams: 0, maxGrams: 1000, price: '9.00' }, { minGrams: 1001, maxGrams: 3000, price: '14.00' }] }],
  });
  await setProfile(t, {
    distributorId: SHOP_GB,
    shipsFrom: 'GB',
    currency: 'GBP',
    handlingFee: '0.00',
    zones: [{ name: 'World', countries: ['WORLD'], carrier: { name: 'Royal Mail', tracked: false, minDays: 7, maxDays: 20 }, rates: [{ minGrams: 0, maxGrams: 1000, price: '8.00' }] }],
  });
  [lp, cd, soldOut, elsewhere] = await publishOffers(t, [
    { releaseId: randomUUID(), distributorId: SHOP_DE, format: 'LP', price: { amount: '20.00', currency: 'EUR' } },
    { releaseId: randomUUID(), distributorId: SHOP_GB, format: 'CD', price: { amount: '15.00', currency: 'GBP' } },
    { releaseId: randomUUID(), distributorId: SHOP_GB, format: 'CD', price: { amount: '9.00', currency: 'GBP' }, stock: 'OUT_OF_STOCK' },
    { releaseId: randomUUID(), distributorId: NO_PROFILE, format: 'MC', price: { amount: '7.00', currency: 'EUR' } },
  ]) as [string, string, string, string];
});
afterAll(async () => t?.close());

const QUOTE = `query($input: DeliveryQuoteInput!) { deliveryQuote(input: $input) {
  currency ratesDate grandTotal { amount currency }
  parcels { distributor { id } weightGrams subtotal { amount currency } shipping { amount } total { amount } totalConverted { amount currency }
            freeShipping zone carrier items { offer { id } quantity unitPrice { amount } lineTotal { amount } } }
  unavailableItems { offerId quantity reason } } }`;

type Quote = {
  deliveryQuote: {
    grandTotal: { amount: string; currency: string };
    ratesDate: string;
    parcels: { distributor: { id: string }; weightGrams: number; subtotal: { amount: string; currency: string }; shipping: { amount: string }; total: { amount: string }; totalConverted: { amount: string }; items: { quantity: number; lineTotal: { amount: string } }[] }[];
    unavailableItems: { offerId: string; quantity: number; reason: string }[];
  };
};

describe('deliveryQuote', () => {
  it("packs one parcel per shop in the shop's currency and converts the grand total", async () => {
    const unknown = randomUUID();
    const { deliveryQuote: quote } = await executeOk<Quote>(t.apollo, QUOTE, {
      variables: {
        input: {
          country: 'PL',
          currency: 'PLN',
          items: [
            { offerId: lp, quantity: 1 },
            { offerId: cd, quantity: 1 },
            { offerId: lp, quantity: 1 },
            { offerId: unknown, quantity: 2 },
            { offerId: soldOut, quantity: 1 },
            { offerId: elsewhere, quantity: 1 },
          ],
        },
      },
    });
    const de = quote.parcels.find((p) => p.distributor.id === SHOP_DE)!;
    // 2 x 20.00 EUR; 150 + 2 x 320 = 790 g -> 9.00 + 1.00 handling; 50.00 EUR x 4.3160 = 215.80 PLN
    expect(de).toMatchObject({ weightGrams: 790, subtotal: { amount: '40.00', currency: 'EUR' }, shipping: { amount: '10.00' }, total: { amount: '50.00' }, totalConverted: { amount: '215.80' } });
    expect(de.items).toEqual([{ offer: { id: lp }, quantity: 2, unitPrice: { amount: '20.00' }, lineTotal: { amount: '40.00' } }]);
    const gb = quote.parcels.find((p) => p.distributor.id === SHOP_GB)!;
    // 15.00 + 8.00 = 23.00 GBP; 23 x 4.3160 / 0.8421 = 117.88148... -> 117.88 PLN
    expect(gb).toMatchObject({ weightGrams: 260, subtotal: { amount: '15.00', currency: 'GBP' }, total: { amount: '23.00' }, totalConverted: { amount: '117.88' } });
    expect(quote.grandTotal).toEqual({ amount: '333.68', currency: 'PLN' });
    expect(quote.ratesDate).toBe('2026-11-20');
    expect(quote.unavailableItems).toEqual(
      expect.arrayContaining([
        { offerId: unknown, quantity: 2, reason: 'UNKNOWN_OFFER' },
        { offerId: soldOut, quantity: 1, reason: 'NOT_SOLD_NOW' },
        { offerId: elsewhere, quantity: 1, reason: 'NO_SHIPPING_PROFILE' },
      ]),
    );
    expect(quote.unavailableItems).toHaveLength(3);
  });

  it('reports every item of a shop that does not ship to the country', async () => {
    const { deliveryQuote: quote } = await executeOk<Quote>(t.apollo, QUOTE, { variables: { input: { country: 'UA', currency: 'EUR', items: [{ offerId: lp, quantity: 1 }, { offerId: cd, quantity: 1 }] } } });
    expect(quote.unavailableItems).toEqual([{ offerId: lp, quantity: 1, reason: 'COUNTRY_NOT_SERVED' }]);
    // 23.00 GBP / 0.8421 = 27.3126... -> 27.31 EUR
    expect(quote.grandTotal).toEqual({ amount: '27.31', currency: 'EUR' });
  });

  it('rejects bad input with every field at once', async () => {
    const errors = await executeErrors(t.apollo, QUOTE, {
      variables: { input: { country: 'ZZ', currency: 'ABC', items: [{ offerId: 'nope', quantity: 0 }] } },
    });
    expect(errors[0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const paths = (errors[0]!.extensions!.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['country', 'currency', 'items.0.offerId', 'items.0.quantity']);
    const empty = await executeErrors(t.apollo, QUOTE, { variables: { input: { country: 'DE', currency: 'EUR', items: [] } } });
    expect(empty[0]!.extensions!.fields).toEqual([{ path: 'items', message: 'must hold at least one item' }]);
    const noRate = await executeErrors(t.apollo, QUOTE, { variables: { input: { country: 'DE', currency: 'UAH', items: [{ offerId: lp, quantity: 1 }] } } });
    expect(noRate[0]!.extensions!.fields).toEqual([{ path: 'currency', message: 'no exchange rate is known for UAH' }]);
  });
});

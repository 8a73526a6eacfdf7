import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { ADMIN, openDelivery, setProfile, storeRates } from '../../test-support/delivery-fixture.js';

let t: TestSubgraph;
const SHOP_DE = randomUUID();
const SHOP_GB = randomUUID();
const NO_PROFILE = randomUUID();

beforeAll(async () => {
  t = await openDelivery();
  await storeRates(t.db, '2026-11-20', { USD: '1.0812', GBP: '0.8421', PLN: '4.3160' });
  await setProfile(t, {
    distributorId: SHOP_DE,
    shipsFrom: 'DE',
    currency: 'EUR',
    handlingFee: '1.00',
    zones: [
      { name: 'Germany', countries: ['DE'], freeShippingThreshold: '50.00', carrier: { name: 'DHL', tracked: true, minDays: 1, maxDays: 3 }, rates: [{ minGrams: 0, maxGrams: 1000, price: '4.00' }, { minGrams: 1001, maxGrams: 3000, price: '7.00' }] },
      { name: 'EU', countries: ['EU'], carrier: { name: 'DHL International', tracked: true, minDays: 3, maxDays: 7 }, rates: [{ minGrams: 0, maxGrams: 1000, price: '9.00' }, { minGrams: 1001, maxGrams: 3000, price: '14.00' }] },
    ],
  });
  await setProfile(t, {
    distributorId: SHOP_GB,
    shipsFrom: 'GB',
    currency: 'GBP',
    handlingFee: '0.00',
    zones: [{ name: 'World', countries: ['WORLD'], carrier: { name: 'Royal Mail', tracked: false, minDays: 7, maxDays: 20 }, rates: [{ minGrams: 0, maxGrams: 1000, price: '8.00' }] }],
  });
});
afterAll(async () => t?.close());

type Estimate = { cost: { amount: string; currency: string }; total: { amount: string; currency: string }; carrier: string; tracked: boolean; minDays: number; maxDays: number; freeShipping: boolean } | null;
type Entities = { _entities: { shippingEstimate: Estimate; shippingUnavailable: { reason: string } | null }[] };
const ESTIMATE = `query($r: [_Any!]!, $country: String!) { _entities(representations: $r) { ... on Offer {
  shippingEstimate(country: $country) { cost { amount currency } total { amount currency } carrier tracked minDays maxDays freeShipping }
  shippingUnavailable(country: $country) { reason } } } }`;

/** What the gateway sends: the key plus the @requires fields fetched from the releases subgraph. */
const offer = (distributorId: string, format: string, price: { amount: string; currency: string } | null) => ({
  __typename: 'Offer',
  id: randomUUID(),
  price,
  format,
  distributor: { id: distributorId },
});

async function estimate(country: string, representation: ReturnType<typeof offer>) {
  const data = await executeOk<Entities>(t.apollo, ESTIMATE, { variables: { r: [representation], country } });
  return data._entities[0]!;
}

describe('Offer.shippingEstimate', () => {
  it('prices the zone naming the country before its EU zone', async () => {
    const lp = offer(SHOP_DE, 'LP', { amount: '20.00', currency: 'EUR' });
    // 150 g packaging + 320 g LP = 470 g: first bracket, plus the 1.00 handling fee.
    expect((await estimate('DE', lp)).shippingEstimate).toEqual({
      cost: { amount: '5.00', currency: 'EUR' },
      total: { amount: '25.00', currency: 'EUR' },
      carrier: 'DHL',
      tracked: true,
      minDays: 1,
      maxDays: 3,
      freeShipping: false,
    });
    expect((await estimate('pl', lp)).shippingEstimate).toMatchObject({ cost: { amount: '10.00' }, total: { amount: '30.00' }, carrier: 'DHL International' });
  });

  it('ships free from the threshold on, not a cent below', async () => {
    const below = await estimate('DE', offer(SHOP_DE, 'CD', { amount: '49.99', currency: 'EUR' }));
    expect(below.shippingEstimate).toMatchObject({ cost: { amount: '5.00' }, total: { amount: '54.99' }, freeShipping: false });
    const at = await estimate('DE', offer(SHOP_DE, 'CD', { amount: '50.00', currency: 'EUR' }));
    expect(at.shippingEstimate).toMatchObject({ cost: { amount: '0.00' }, total: { amount: '50.00' }, freeShipping: true });
  });

  it('moves to the next bracket one gram past the edge', async () => {
    const box = offer(SHOP_DE, 'BOX', { amount: '30.00', currency: 'EUR' });
    await executeOk(t.apollo, `mutation { setParcelWeights(input: { formats: [{ format: BOX, grams: 850 }] }) { packagingGrams } }`, { user: ADMIN });
    expect((await estimate('DE', box)).shippingEstimate!.cost.amount).toBe('5.00'); // 1000 g
    await executeOk(t.apollo, `mutation { setParcelWeights(input: { formats: [{ format: BOX, grams: 851 }] }) { packagingGrams } }`, { user: ADMIN });
    expect((await estimate('DE', box)).shippingEstimate!.cost.amount).toBe('8.00'); // 1001 g
    await executeOk(t.apollo, `mutation { setParcelWeights(input: { formats: [{ format: BOX, grams: 2851 }] }) { packagingGrams } }`, { user: ADMIN });
    const tooHeavy = await estimate('DE', box); // 3001 g
    expect(tooHeavy.shippingEstimate).toBeNull();
    expect(tooHeavy.shippingUnavailable).toEqual({ reason: 'TOO_HEAVY' });
  });

  it("shows shipping in the offer's currency, converted from the shop's", async () => {
    // 8.00 GBP x 1.0812 / 0.8421 = 10.27146... -> 10.27 USD
    const result = await estimate('UA', offer(SHOP_GB, 'CD', { amount: '22.00', currency: 'USD' }));
    expect(result.shippingEstimate).toMatchObject({ cost: { amount: '10.27', currency: 'USD' }, total: { amount: '32.27', currency: 'USD' }, tracked: false });
    expect(result.shippingUnavailable).toBeNull();
  });

  it('is null with a reason when the shop does not ship there or cannot be priced', async () => {
    const toKyiv = await estimate('UA', offer(SHOP_DE, 'LP', { amount: '20.00', currency: 'EUR' }));
    expect(toKyiv).toEqual({ shippingEstimate: null, shippingUnavailable: { reason: 'COUNTRY_NOT_SERVED' } });
    expect((await estimate('DE', offer(NO_PROFILE, 'LP', { amount: '20.00', currency: 'EUR' }))).shippingUnavailable).toEqual({ reason: 'NO_SHIPPING_PROFILE' });
    expect((await estimate('DE', offer(SHOP_DE, 'LP', null))).shippingUnavailable).toEqual({ reason: 'NO_PRICE' });
    expect((await estimate('DE', offer(SHOP_DE, 'LP', { amount: '900', currency: 'UAH' }))).shippingUnavailable).toEqual({ reason: 'NO_CURRENCY_RATE' });
  });

  it('rejects an unknown country code', async () => {
    const errors = await executeErrors(t.apollo, ESTIMATE, { variables: { r: [offer(SHOP_DE, 'LP', { amount: '1', currency: 'EUR' })], country: 'XX' } });
    expect(errors[0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors[0]!.extensions!.fields).toEqual([{ path: 'country', message: 'is not a known ISO 3166-1 country code' }]);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { ADMIN, FAN, openDelivery } from '../../test-support/delivery-fixture.js';

let t: TestSubgraph;
beforeAll(async () => {
  t = await openDelivery();
});
afterAll(async () => t?.close());

const CHECK = `query($input: ShippingCheckInput!) {
  checkShipping(input: $input) { weightGrams zone carrier { name minDays maxDays } cost { amount currency } freeShipping unavailable { reason message } }
}`;

const draft = () => ({
  distributorId: randomUUID(),
  shipsFrom: 'DE',
  currency: 'EUR',
  handlingFee: '1.50',
  zones: [
    {
      name: 'Germany',
      countries: ['DE'],
      freeShippingThreshold: '50.00',
      carrier: { name: 'DHL', tracked: true, minDays: 1, maxDays: 2 },
      rates: [
        { minGrams: 0, maxGrams: 1000, price: '4.99' },
        { minGrams: 1001, maxGrams: 2000, price: '6.99' },
      ],
    },
    { name: 'Europe', countries: ['EU'], carrier: { name: 'Post', tracked: false, minDays: 3, maxDays: 9 }, rates: [{ minGrams: 0, maxGrams: 2000, price: '12.00' }] },
  ],
});

interface Check {
  weightGrams: number;
  zone: string | null;
  carrier: { name: string; minDays: number; maxDays: number } | null;
  cost: { amount: string; currency: string } | null;
  freeShipping: boolean;
  unavailable: { reason: string; message: string } | null;
}
const check = async (input: Record<string, unknown>) => (await executeOk<{ checkShipping: Check }>(t.apollo, CHECK, { variables: { input }, user: ADMIN })).checkShipping;

describe('checking a draft shipping profile', () => {
  it("prices a parcel by the country's zone and the weight bracket, handling fee added, free from the threshold", async () => {
    // Two LPs (2 x 320 g) in 150 g of packaging: 790 g, the first German bracket.
    const items = [{ format: 'LP', quantity: 2 }];
    expect(await check({ profile: draft(), country: 'de', items, subtotal: '39.98' })).toEqual({
      weightGrams: 790,
      zone: 'Germany',
      carrier: { name: 'DHL', minDays: 1, maxDays: 2 },
      cost: { amount: '6.49', currency: 'EUR' },
      freeShipping: false,
      unavailable: null,
    });
    expect(await check({ profile: draft(), country: 'DE', items, subtotal: '50.00' })).toMatchObject({ cost: { amount: '0.00', currency: 'EUR' }, freeShipping: true });
    // France is in the EU group; that zone never ships free.
    expect(await check({ profile: draft(), country: 'FR', items, subtotal: '80.00' })).toMatchObject({ zone: 'Europe', cost: { amount: '13.50' }, freeShipping: false });
  });

  it('says why a parcel cannot ship: a country no zone serves, a weight above every bracket', async () => {
    expect(await check({ profile: draft(), country: 'US', items: [{ format: 'CD', quantity: 1 }], subtotal: '10.00' })).toMatchObject({
      zone: null,
      cost: null,
      unavailable: { reason: 'COUNTRY_NOT_SERVED' },
    });
    // Three boxes (3 x 900 g + 150 g) weigh more than the 2000 g bracket.
    expect(await check({ profile: draft(), country: 'DE', items: [{ format: 'BOX', quantity: 3 }], subtotal: '10.00' })).toMatchObject({
      weightGrams: 2850,
      cost: null,
      unavailable: { reason: 'TOO_HEAVY' },
    });
  });

  it('validates the draft as saving it would, naming each field, and stores nothing', async () => {
    const profile = draft();
    profile.zones[1]!.rates = [{ minGrams: 0, maxGrams: 2000, price: '-1' }];
    const errors = await executeErrors(t.apollo, CHECK, { variables: { input: { profile, country: 'XX', items: [], subtotal: '1' } }, user: ADMIN });
    expect(errors[0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const paths = (errors[0]!.extensions!.fields as { path: string }[]).map((field) => field.path).sort();
    expect(paths).toEqual(['country', 'items', 'profile.zones.1.rates.0.price']);
    const stored = await executeOk<{ shippingProfile: unknown }>(t.apollo, `query($id: ID!) { shippingProfile(distributorId: $id) { currency } }`, {
      variables: { id: profile.distributorId },
    });
    expect(stored.shippingProfile).toBeNull();
  });

  it('is for operators with delivery:write', async () => {
    const input = { profile: draft(), country: 'DE', items: [{ format: 'CD', quantity: 1 }], subtotal: '10.00' };
    expect((await executeErrors(t.apollo, CHECK, { variables: { input }, user: FAN }))[0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await executeErrors(t.apollo, CHECK, { variables: { input } }))[0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

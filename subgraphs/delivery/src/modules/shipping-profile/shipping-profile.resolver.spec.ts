import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { ADMIN, FAN, SET_PROFILE, openDelivery } from '../../test-support/delivery-fixture.js';

let t: TestSubgraph;
beforeAll(async () => {
  t = await openDelivery();
});
afterAll(async () => t?.close());

const profile = (distributorId: string) => ({
  distributorId,
  shipsFrom: 'DE',
  currency: 'EUR',
  handlingFee: '1.00',
  zones: [
    {
      name: 'EU',
      countries: ['EU'],
      freeShippingThreshold: '100.00',
      carrier: { name: 'DHL', tracked: true, minDays: 3, maxDays: 7 },
      rates: [
        { minGrams: 0, maxGrams: 1000, price: '9.99' },
        { minGrams: 1001, maxGrams: 5000, price: '14.99' },
      ],
    },
  ],
});
type Fields = { path: string; message: string }[];

describe('shipping profiles', () => {
  it('lets an admin create and replace a profile', async () => {
    const id = randomUUID();
    await executeOk(t.apollo, SET_PROFILE, { variables: { input: profile(id) }, user: ADMIN });
    const changed = { ...profile(id), currency: 'GBP', zones: [{ ...profile(id).zones[0]!, name: 'Europe', countries: ['eu', 'no'] }] };
    await executeOk(t.apollo, SET_PROFILE, { variables: { input: changed }, user: ADMIN });
    const data = await executeOk<{ shippingProfile: { currency: string; handlingFee: { amount: string; currency: string }; zones: { name: string; countries: string[]; rates: { maxGrams: number; price: { amount: string } }[] }[] } }>(
      t.apollo,
      `query($id: ID!) { shippingProfile(distributorId: $id) { currency handlingFee { amount currency } zones { name countries rates { maxGrams price { amount } } } } }`,
      { variables: { id } },
    );
    expect(data.shippingProfile).toEqual({
      currency: 'GBP',
      handlingFee: { amount: '1.00', currency: 'GBP' },
      zones: [{ name: 'Europe', countries: ['EU', 'NO'], rates: [{ maxGrams: 1000, price: { amount: '9.99' } }, { maxGrams: 5000, price: { amount: '14.99' } }] }],
    });
  });

  it("publishes the shop's single-copy shipping table with every change, and an empty one when the profile goes", async () => {
    const id = randomUUID();
    const published = async () => {
      const rows: { data: { currency: string; zones: { countries: string[]; freeShippingFrom: string | null; costs: Record<string, string> }[] } }[] = await t.db.dataSource.query(
        `SELECT payload->'data' AS data FROM event_outbox WHERE payload->>'type' = 'shipping.table.updated' AND payload->'data'->>'distributorId' = $1 ORDER BY id`,
        [id],
      );
      return rows.map((row) => row.data);
    };
    await executeOk(t.apollo, SET_PROFILE, { variables: { input: profile(id) }, user: ADMIN });
    const [first] = await published();
    // One CD (110 g + 150 g packaging) falls in the first bracket: 9.99 + 1.00 handling.
    expect(first!.currency).toBe('EUR');
    expect(first!.zones).toHaveLength(1);
    expect(first!.zones[0]).toMatchObject({ freeShippingFrom: '100.00', costs: { CD: '10.99', BOX: '15.99' } });
    expect(first!.zones[0]!.countries).toContain('PL');
    await executeOk(t.apollo, `mutation($id: ID!) { deleteShippingProfile(distributorId: $id) }`, { variables: { id }, user: ADMIN });
    expect((await published()).map((table) => table.zones.length)).toEqual([1, 0]);
  });

  it('rejects overlapping brackets, unknown countries and negative prices with field errors, keeping the stored profile', async () => {
    const id = randomUUID();
    await executeOk(t.apollo, SET_PROFILE, { variables: { input: profile(id) }, user: ADMIN });
    const bad = profile(id);
    bad.handlingFee = '-1.00';
    bad.zones[0]!.countries = ['EU', 'XX'];
    bad.zones[0]!.rates = [
      { minGrams: 0, maxGrams: 1000, price: '9.99' },
      { minGrams: 1000, maxGrams: 2000, price: '-2.00' },
    ];
    const errors = await executeErrors(t.apollo, SET_PROFILE, { variables: { input: bad }, user: ADMIN });
    expect(errors[0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const fields = errors[0]!.extensions!.fields as Fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['handlingFee', 'zones.0.countries.1', 'zones.0.rates.1.minGrams', 'zones.0.rates.1.price']);
    expect(fields.find((f) => f.path === 'zones.0.rates.1.minGrams')!.message).toMatch(/overlaps the bracket 0-1000/);

    const stored = await executeOk<{ shippingProfile: { handlingFee: { amount: string }; zones: { rates: unknown[] }[] } }>(
      t.apollo,
      `query($id: ID!) { shippingProfile(distributorId: $id) { handlingFee { amount } zones { rates { minGrams } } } }`,
      { variables: { id } },
    );
    expect(stored.shippingProfile.handlingFee.amount).toBe('1.00');
    expect(stored.shippingProfile.zones[0]!.rates).toHaveLength(2);
  });

  it('rejects a zone listing a country another zone lists, and inverted day ranges', async () => {
    const input = profile(randomUUID());
    input.zones.push({ ...input.zones[0]!, name: 'Poland', countries: ['PL', 'EU'], carrier: { name: 'Post', tracked: false, minDays: 5, maxDays: 2 } });
    const errors = await executeErrors(t.apollo, SET_PROFILE, { variables: { input }, user: ADMIN });
    const fields = errors[0]!.extensions!.fields as Fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['zones.1.carrier.maxDays', 'zones.1.countries.1']);
  });

  it('keeps profile and weight changes to admins', async () => {
    const anonymous = await executeErrors(t.apollo, SET_PROFILE, { variables: { input: profile(randomUUID()) } });
    expect(anonymous[0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const fan = await executeErrors(t.apollo, SET_PROFILE, { variables: { input: profile(randomUUID()) }, user: FAN });
    expect(fan[0]!.extensions!.code).toBe('FORBIDDEN');
    const weights = await executeErrors(t.apollo, `mutation { setParcelWeights(input: { packagingGrams: 10 }) { packagingGrams } }`, { user: FAN });
    expect(weights[0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('changes format and packaging weights, validated', async () => {
    const data = await executeOk<{ setParcelWeights: { packagingGrams: number; formats: { format: string; grams: number }[] } }>(
      t.apollo,
      `mutation { setParcelWeights(input: { packagingGrams: 200, formats: [{ format: LP, grams: 300 }] }) { packagingGrams formats { format grams } } }`,
      { user: ADMIN },
    );
    expect(data.setParcelWeights.packagingGrams).toBe(200);
    expect(data.setParcelWeights.formats.find((f) => f.format === 'LP')!.grams).toBe(300);
    expect(data.setParcelWeights.formats.find((f) => f.format === 'CD')!.grams).toBe(110);
    const errors = await executeErrors(t.apollo, `mutation { setParcelWeights(input: { packagingGrams: -5, formats: [{ format: CD, grams: 0 }] }) { packagingGrams } }`, { user: ADMIN });
    expect((errors[0]!.extensions!.fields as Fields).map((f) => f.path).sort()).toEqual(['formats.0.grams', 'packagingGrams']);
    const after = await executeOk<{ parcelWeights: { packagingGrams: number } }>(t.apollo, `{ parcelWeights { packagingGrams } }`);
    expect(after.parcelWeights.packagingGrams).toBe(200);
  });
});

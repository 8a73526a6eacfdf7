import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSubgraph } from '@mrt/graphql-kit/testing';
import { openDelivery } from '../../test-support/delivery-fixture.js';
import { OfferProjection, type OfferProjectionChange } from './offer.projection.js';

let t: TestSubgraph;
beforeAll(async () => {
  t = await openDelivery();
});
afterAll(async () => t?.close());

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes)).toISOString();

/** Several changes per offer, out-of-date ones, a removal and a re-listing, interleaved across offers. */
function changesFor(ids: readonly string[]): OfferProjectionChange[] {
  const [a, b, c, d] = ids as [string, string, string, string];
  const shape = (offerId: string) => ({ offerId, releaseId: offerId, distributorId: offerId, format: 'LP' as const });
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  return [
    { ...shape(a), kind: 'added', at: at(1), price: eur('25.00'), stock: 'IN_STOCK' },
    { ...shape(b), kind: 'price', at: at(1), price: eur('9.99') },
    { ...shape(a), kind: 'price', at: at(2), price: eur('19.99') },
    { ...shape(c), kind: 'added', at: at(1), price: eur('30.00'), stock: 'PRE_ORDER' },
    { ...shape(a), kind: 'stock', at: at(3), stock: 'OUT_OF_STOCK' },
    // Older than what the offer holds by now: dropped.
    { ...shape(a), kind: 'price', at: at(1), price: eur('99.00') },
    { kind: 'removed', offerId: c, at: at(2) },
    { ...shape(b), kind: 'stock', at: at(2), stock: 'IN_STOCK' },
    { ...shape(c), kind: 'added', at: at(3), price: eur('28.50'), stock: 'IN_STOCK' },
    { ...shape(d), kind: 'added', at: at(5), price: eur('12.00'), stock: 'IN_STOCK' },
    // A removal older than the listing it would delete: kept.
    { kind: 'removed', offerId: d, at: at(4) },
  ];
}

async function rows(ids: readonly string[]): Promise<unknown[]> {
  const found = (await t.db.dataSource.query(
    `SELECT id, price_amount, price_currency, stock, last_event_at FROM offer_projection WHERE id = ANY($1::uuid[])`,
    [ids],
  )) as { id: string }[];
  // Positions instead of ids, so two sets of offers compare.
  return found.map(({ id, ...row }) => ({ offer: ids.indexOf(id), ...row })).sort((x, y) => x.offer - y.offer);
}

describe('offer projection in batches', () => {
  it('a batch leaves the rows that one change per transaction leaves', async () => {
    const single = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const batched = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const change of changesFor(single)) {
      await t.db.dataSource.transaction((manager) => new OfferProjection(manager).apply([change]));
    }
    await t.db.dataSource.transaction((manager) => new OfferProjection(manager).apply(changesFor(batched)));

    const expected = await rows(single);
    expect(expected).toEqual([
      { offer: 0, price_amount: '19.99', price_currency: 'EUR', stock: 'OUT_OF_STOCK', last_event_at: new Date(at(3)) },
      { offer: 1, price_amount: '9.99', price_currency: 'EUR', stock: 'IN_STOCK', last_event_at: new Date(at(2)) },
      { offer: 2, price_amount: '28.50', price_currency: 'EUR', stock: 'IN_STOCK', last_event_at: new Date(at(3)) },
      { offer: 3, price_amount: '12.00', price_currency: 'EUR', stock: 'IN_STOCK', last_event_at: new Date(at(5)) },
    ]);
    expect(await rows(batched)).toEqual(expected);
  });
});

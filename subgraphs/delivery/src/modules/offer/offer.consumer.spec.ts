import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, subjects } from '@mrt/events';
import { waitFor, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { openDelivery, publishOffers } from '../../test-support/delivery-fixture.js';

let t: TestSubgraph;
beforeAll(async () => {
  t = await openDelivery();
});
afterAll(async () => t?.close());

const row = async (id: string) =>
  ((await t.db.dataSource.query('SELECT price_amount, price_currency, stock FROM offer_projection WHERE id = $1', [id])) as Record<string, string>[])[0];

describe('offer projection', () => {
  it('follows price and stock changes and removal, ignoring an older redelivered change', async () => {
    const releaseId = randomUUID();
    const distributorId = randomUUID();
    const [id] = (await publishOffers(t, [{ releaseId, distributorId, format: 'LP', price: { amount: '25.00', currency: 'EUR' } }])) as [string];
    const shape = { offerId: id, releaseId, bandIds: [randomUUID()], distributorId, format: 'LP' as const };
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    await t.bus.publish([
      createEvent('offer.price_changed', { producer: 'releases', subject: subjects.offer(id), occurredAt: at(2), data: { ...shape, oldPrice: { amount: '25.00', currency: 'EUR' }, newPrice: { amount: '19.99', currency: 'EUR' } } }),
      createEvent('offer.stock_changed', { producer: 'releases', subject: subjects.offer(id), occurredAt: at(3), data: { ...shape, oldStock: 'IN_STOCK', newStock: 'OUT_OF_STOCK' } }),
      // Older than the row by now: a late redelivery must not bring the old price back.
      createEvent('offer.price_changed', { producer: 'releases', subject: subjects.offer(id), occurredAt: at(1), data: { ...shape, oldPrice: { amount: '30.00', currency: 'EUR' }, newPrice: { amount: '25.00', currency: 'EUR' } } }),
    ]);
    await waitFor(async () => (await row(id))?.stock === 'OUT_OF_STOCK');
    await waitFor(async () => Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM event_inbox`))[0].n) >= 4);
    expect(await row(id)).toEqual({ price_amount: '19.99', price_currency: 'EUR', stock: 'OUT_OF_STOCK' });

    await t.bus.publish([createEvent('offer.removed', { producer: 'releases', subject: subjects.offer(id), occurredAt: at(4), data: shape })]);
    await waitFor(async () => (await row(id)) === undefined);
  });
});

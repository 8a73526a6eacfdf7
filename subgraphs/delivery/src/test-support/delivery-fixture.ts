import { randomUUID } from 'node:crypto';
import { createEvent, subjects, type Format, type StockStatus } from '@mrt/events';
import { executeOk, openTestSubgraph, waitFor, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import type { AuthUser } from '@mrt/graphql-kit';
import type { Database } from '@mrt/platform';
import { deliverySubgraph } from '../index.js';

export const ADMIN: AuthUser = testUser(['USER', 'ADMIN']);
export const FAN: AuthUser = { id: randomUUID(), roles: ['USER'], scopes: [] };

/** The delivery subgraph on a fresh schema, with no automatic rate reads (each spec stores its own). */
export function openDelivery(env: Record<string, string> = {}): Promise<TestSubgraph> {
  return openTestSubgraph(deliverySubgraph, { env: { CURRENCY_RATES_REFRESH_HOURS: '0', ...env } });
}

export async function storeRates(db: Database, date: string, rates: Record<string, string>): Promise<void> {
  for (const [currency, rate] of Object.entries(rates)) {
    await db.dataSource.query('INSERT INTO currency_rate (rate_date, currency, rate) VALUES ($1, $2, $3)', [date, currency, rate]);
  }
}

export const SET_PROFILE = `mutation($input: ShippingProfileInput!) { setShippingProfile(input: $input) { distributor { id } currency zones { name } } }`;

export async function setProfile(t: TestSubgraph, input: Record<string, unknown>): Promise<void> {
  await executeOk(t.apollo, SET_PROFILE, { variables: { input }, user: ADMIN });
}

export interface TestOffer {
  id?: string;
  releaseId: string;
  distributorId: string;
  format: Format;
  price: { amount: string; currency: string } | null;
  stock?: StockStatus;
}

/** Publishes offer.added like the releases subgraph does, and waits for the projection to hold them. */
export async function publishOffers(t: TestSubgraph, offers: TestOffer[]): Promise<string[]> {
  const ids = offers.map((offer) => offer.id ?? randomUUID());
  await t.bus.publish(
    offers.map((offer, i) =>
      createEvent('offer.added', {
        producer: 'releases',
        subject: subjects.offer(ids[i]!),
        data: {
          offerId: ids[i]!,
          releaseId: offer.releaseId,
          bandIds: [randomUUID()],
          distributorId: offer.distributorId,
          format: offer.format,
          price: offer.price,
          stock: offer.stock ?? 'IN_STOCK',
          url: `https://shop.example/${ids[i]}`,
        },
      }),
    ),
  );
  await waitFor(async () => {
    const [row] = await t.db.dataSource.query('SELECT count(*)::int AS n FROM offer_projection WHERE id = ANY($1)', [ids]);
    return (row as { n: number }).n === ids.length;
  });
  return ids;
}


import type { EntityManager } from 'typeorm';
import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { EventOf } from '@mrt/events';

const OFFER_EVENTS = ['offer.added', 'offer.price_changed', 'offer.stock_changed', 'offer.removed'] as const;
type OfferEvent = EventOf<(typeof OFFER_EVENTS)[number]>;

// A late event older than the row it would change is dropped, so a redelivered price does not
// overwrite a newer one. Events of one offer share a subject, so they normally arrive in order.
const NEWER = 'WHERE offer_projection.last_event_at <= EXCLUDED.last_event_at';

/**
 * Keeps offer_projection in step with the releases subgraph's offer events (group "delivery"):
 * quotes and baskets need offers by id and by release without reading releases' tables.
 */
export async function applyOfferEvent(event: OfferEvent, manager: EntityManager): Promise<void> {
  const { offerId, releaseId, distributorId, format } = event.data;
  const at = event.occurredAt;
  const base = [offerId, releaseId, distributorId, format, at];
  const insert = `INSERT INTO offer_projection (id, release_id, distributor_id, format, last_event_at, price_amount, price_currency, stock)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
  switch (event.type) {
    case 'offer.added':
      await manager.query(
        `${insert} ON CONFLICT (id) DO UPDATE SET release_id = EXCLUDED.release_id, distributor_id = EXCLUDED.distributor_id,
           format = EXCLUDED.format, price_amount = EXCLUDED.price_amount, price_currency = EXCLUDED.price_currency,
           stock = EXCLUDED.stock, last_event_at = EXCLUDED.last_event_at ${NEWER}`,
        [...base, event.data.price?.amount ?? null, event.data.price?.currency ?? null, event.data.stock],
      );
      return;
    case 'offer.price_changed':
      await manager.query(
        `${insert} ON CONFLICT (id) DO UPDATE SET price_amount = EXCLUDED.price_amount, price_currency = EXCLUDED.price_currency,
           format = EXCLUDED.format, last_event_at = EXCLUDED.last_event_at ${NEWER}`,
        [...base, event.data.newPrice.amount, event.data.newPrice.currency, 'UNKNOWN'],
      );
      return;
    case 'offer.stock_changed':
      await manager.query(
        `${insert} ON CONFLICT (id) DO UPDATE SET stock = EXCLUDED.stock, format = EXCLUDED.format, last_event_at = EXCLUDED.last_event_at ${NEWER}`,
        [...base, null, null, event.data.newStock],
      );
      return;
    case 'offer.removed':
      await manager.query('DELETE FROM offer_projection WHERE id = $1 AND last_event_at <= $2', [offerId, at]);
      return;
  }
}

export const offerProjectionConsumer: EventConsumerDefinition = eventConsumer({
  group: 'delivery',
  types: OFFER_EVENTS,
  handle: (event, manager) => applyOfferEvent(event, manager),
});

import type { EventOf } from '@mrt/events';
import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import { OfferProjection, type OfferProjectionChange } from './offer.projection.js';

type OfferEvent = EventOf<'offer.added' | 'offer.price_changed' | 'offer.stock_changed' | 'offer.removed'>;

/**
 * Keeps the offer projection in step with the releases subgraph's offer events (group "delivery").
 * Handled in batches: a shop's first import brings an offer.added per listing, and one
 * transaction per event cost more than the projection's writes themselves.
 */
export const offerConsumer: EventConsumerDefinition = eventConsumer({
  group: 'delivery',
  types: ['offer.added', 'offer.price_changed', 'offer.stock_changed', 'offer.removed'],
  batchSize: 500,
  handleBatch: (events, manager) => new OfferProjection(manager).apply(events.map(changeOf)),
});

function changeOf(event: OfferEvent): OfferProjectionChange {
  const at = event.occurredAt;
  if (event.type === 'offer.removed') return { kind: 'removed', offerId: event.data.offerId, at };
  const { offerId, releaseId, distributorId, format } = event.data;
  const change = { offerId, releaseId, distributorId, format, at };
  switch (event.type) {
    case 'offer.added':
      return { ...change, kind: 'added', price: event.data.price, stock: event.data.stock };
    case 'offer.price_changed':
      return { ...change, kind: 'price', price: event.data.newPrice };
    case 'offer.stock_changed':
      return { ...change, kind: 'stock', stock: event.data.newStock };
  }
}

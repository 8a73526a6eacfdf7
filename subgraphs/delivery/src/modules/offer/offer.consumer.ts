import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import { OfferProjection } from './offer.projection.js';

/** Keeps the offer projection in step with the releases subgraph's offer events (group "delivery"). */
export const offerConsumer: EventConsumerDefinition = eventConsumer({
  group: 'delivery',
  types: ['offer.added', 'offer.price_changed', 'offer.stock_changed', 'offer.removed'],
  handle: async (event, manager) => {
    const offers = new OfferProjection(manager);
    const { offerId, releaseId, distributorId, format } = event.data;
    const change = { offerId, releaseId, distributorId, format, at: event.occurredAt };
    switch (event.type) {
      case 'offer.added':
        return offers.added(change, event.data.price, event.data.stock);
      case 'offer.price_changed':
        return offers.priceChanged(change, event.data.newPrice);
      case 'offer.stock_changed':
        return offers.stockChanged(change, event.data.newStock);
      case 'offer.removed':
        return offers.removed(offerId, event.occurredAt);
    }
  },
});

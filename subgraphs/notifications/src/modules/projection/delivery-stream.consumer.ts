import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { NotificationMatchingService } from '../matching/notification-matching.service.js';
import { CurrencyRateProjection } from './currency-rate.projection.js';

/**
 * Delivery's stream (group `notifications`, stream delivery.rates): its rates, for price limits,
 * and its shipping tables, for delivered-price limits (a shipping change can bring an offer under
 * a fan's limit). One subscription of the group for the stream, so both types are handled here.
 * A rate change alone notifies nobody: it is kept, and judges the next offer news.
 */
export function deliveryStreamConsumer(matching: NotificationMatchingService): EventConsumerDefinition {
  return eventConsumer({
    group: 'notifications',
    types: ['currency.rates.updated', 'shipping.table.updated'],
    handle: async (event, manager) => {
      if (event.type === 'currency.rates.updated') await new CurrencyRateProjection(manager).save(event.data);
      else await matching.handleShippingChange(event, manager);
    },
    afterCommit: (event) => (event.type === 'shipping.table.updated' ? matching.publishShippingCommitted(event.id) : Promise.resolve()),
  });
}

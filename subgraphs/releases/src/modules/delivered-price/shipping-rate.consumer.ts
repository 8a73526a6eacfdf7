import type { EventHandlers } from '../../event-handlers.js';
import type { DeliveredPriceService } from './delivered-price.service.js';

/** A shop's shipping table from delivery. */
export function shippingRateConsumer(delivered: DeliveredPriceService): EventHandlers<'shipping.table.updated'> {
  return {
    'shipping.table.updated': (event, manager) => delivered.shippingTableUpdated(event.data, manager),
  };
}

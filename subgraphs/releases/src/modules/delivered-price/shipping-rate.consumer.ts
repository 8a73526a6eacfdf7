import type { EventHandlers } from '../../event-handlers.js';
import { ShippingRateProjection } from './shipping-rate.projection.js';

/** A shop's shipping table from delivery: the projection keeps it whole, nothing else depends on it at once. */
export function shippingRateConsumer(): EventHandlers<'shipping.table.updated'> {
  return {
    'shipping.table.updated': (event, manager) => new ShippingRateProjection(manager).save(event.data),
  };
}

import type { EntityManager } from 'typeorm';
import type { EventData } from '@mrt/events';
import { DeliveredPriceStore } from './delivered-price.store.js';
import { ShippingRateProjection } from './shipping-rate.projection.js';

/** Keeps the delivered-price ranking current with delivery's shipping tables, in the consumer's transaction. */
export class DeliveredPriceService {
  /**
   * A shop's new shipping table: stored, then the countries it alone started or stopped naming
   * become or stop being keys, and the releases it sells are ranked again for every key.
   */
  async shippingTableUpdated(data: EventData<'shipping.table.updated'>, manager: EntityManager): Promise<void> {
    const shipping = new ShippingRateProjection(manager);
    const delivered = new DeliveredPriceStore(manager);
    const before = new Set(await shipping.namedCountries());
    await shipping.save(data);
    const after = new Set(await shipping.namedCountries());
    await delivered.rekey(
      [...after].filter((country) => !before.has(country)),
      [...before].filter((country) => !after.has(country)),
    );
    await delivered.refreshShop(data.distributorId);
  }
}

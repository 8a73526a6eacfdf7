import type { EntityManager } from 'typeorm';
import { createEvent, enqueueEvents, subjects } from '@mrt/events';
import { singleCopyShippingTable } from '../../shipping/shipping-table.js';
import { ParcelWeightStore } from '../parcel-weight/parcel-weight.store.js';
import { ShippingProfileStore } from './shipping-profile.store.js';

/**
 * Enqueues `shipping.table.updated` for these shops (or every shop with a profile) in the
 * caller's transaction: what releases needs to rank by delivered price, so it never reads
 * delivery's tables nor restates its zone rules. A shop without a profile is published with no
 * zones (ships nowhere).
 */
export async function enqueueShippingTables(manager: EntityManager, distributorIds: readonly string[] | 'all'): Promise<void> {
  const store = new ShippingProfileStore(manager);
  const profiles = distributorIds === 'all' ? await store.all() : await store.byDistributorIds(distributorIds);
  const weights = await new ParcelWeightStore(manager).table();
  const byId = new Map(profiles.map((profile) => [profile.distributorId, profile]));
  const ids = distributorIds === 'all' ? [...byId.keys()] : [...new Set(distributorIds)];
  await enqueueEvents(
    manager,
    ids.map((distributorId) => {
      const profile = byId.get(distributorId);
      return createEvent('shipping.table.updated', {
        producer: 'delivery',
        subject: subjects.distributor(distributorId),
        data: profile
          ? { distributorId, currency: profile.currency, zones: singleCopyShippingTable(profile, weights) }
          : { distributorId, currency: 'EUR', zones: [] },
      });
    }),
  );
}

import { byKey, type RequestContext } from '@mrt/graphql-kit';
import type { ShippingProfileEntity } from './shipping-profile.entity.js';
import type { ShippingProfileService } from './shipping-profile.service.js';

/** Profiles by distributor id, batched per request (every estimate of a page asks for one). */
export interface ProfileLoader {
  load(distributorId: string): Promise<ShippingProfileEntity | null>;
  loadMany(distributorIds: readonly string[]): Promise<(ShippingProfileEntity | null | Error)[]>;
}

export function profileLoader(context: RequestContext, profiles: ShippingProfileService): ProfileLoader {
  return context.loaders.get<string, ShippingProfileEntity | null>('shippingProfile.byDistributor', async (ids) =>
    byKey(ids, await profiles.findByDistributorIds(ids), (row) => row.distributorId),
  );
}

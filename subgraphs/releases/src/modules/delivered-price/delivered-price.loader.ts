import type { RequestContext } from '@mrt/graphql-kit';
import type { ShippingRateProjection, ShippingRateRow } from './shipping-rate.projection.js';

/** Shipping rows per (shop, country) for one request: a page of releases costs one statement per country. */
export function shippingRowsLoader(context: RequestContext, projection: ShippingRateProjection, country: string) {
  return context.loaders.get<string, ShippingRateRow[]>(`shippingRate.forCountry.${country}`, async (distributorIds) => {
    const rows = await projection.forCountry(distributorIds, country);
    return distributorIds.map((id) => rows.filter((row) => row.distributorId === id));
  });
}

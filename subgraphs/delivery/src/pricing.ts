/**
 * Delivery's pure pricing for callers outside the subgraph that hold the same rows (the gateway
 * benchmark's ceiling handler prices its page with the very rules the subgraph uses).
 */
export { estimateShipping, type EstimateResult } from './modules/offer/shipping-estimate.js';
export type { ShippingProfileEntity, ZoneDocument } from './modules/shipping-profile/shipping-profile.entity.js';
export { DEFAULT_PARCEL_WEIGHTS, type ParcelWeightTable } from './shipping/parcel-pricing.js';

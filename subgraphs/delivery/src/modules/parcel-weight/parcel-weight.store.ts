import type { EntityManager } from 'typeorm';
import { DEFAULT_PARCEL_WEIGHTS, type ParcelWeightTable } from '../../shipping/parcel-pricing.js';
import { ParcelWeightsEntity } from './parcel-weight.entity.js';

/** The stored table over the defaults (a format never configured still has a weight), read through `manager`. */
export async function parcelWeightTable(manager: EntityManager): Promise<ParcelWeightTable> {
  const row = await manager.findOneBy(ParcelWeightsEntity, { id: 1 });
  return {
    packagingGrams: row?.packagingGrams ?? DEFAULT_PARCEL_WEIGHTS.packagingGrams,
    formats: { ...DEFAULT_PARCEL_WEIGHTS.formats, ...row?.formats },
  };
}

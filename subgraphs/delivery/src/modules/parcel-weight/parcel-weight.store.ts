import type { EntityManager } from 'typeorm';
import { rowsOf } from '@mrt/events';
import { DEFAULT_PARCEL_WEIGHTS, type ParcelWeightTable } from '../../shipping/parcel-pricing.js';
import { ParcelWeightsEntity } from './parcel-weight.entity.js';

/**
 * The only place with SQL for parcel_weights (a single row), run through `manager`: the data
 * source's, or a transaction's when the caller publishes shipping tables with it.
 */
export class ParcelWeightStore {
  constructor(private readonly manager: EntityManager) {}

  /** The stored table over the defaults: a format never configured still has a weight. */
  async table(): Promise<ParcelWeightTable> {
    // Plain SQL: every priced request reads it, and TypeORM's query building cost more than the read.
    const [row] = rowsOf<{ packagingGrams: number; formats: ParcelWeightsEntity['formats'] }>(
      await this.manager.query(`SELECT packaging_grams AS "packagingGrams", formats FROM parcel_weights WHERE id = 1`),
    );
    return {
      packagingGrams: row?.packagingGrams ?? DEFAULT_PARCEL_WEIGHTS.packagingGrams,
      formats: { ...DEFAULT_PARCEL_WEIGHTS.formats, ...row?.formats },
    };
  }

  async save(table: ParcelWeightTable): Promise<void> {
    await this.manager.upsert(ParcelWeightsEntity, { id: 1, packagingGrams: table.packagingGrams, formats: table.formats, updatedAt: new Date() }, ['id']);
  }
}

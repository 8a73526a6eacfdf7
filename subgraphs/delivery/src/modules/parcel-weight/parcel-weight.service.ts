import type { DataSource } from 'typeorm';
import { FORMATS, type OutboxRelay } from '@mrt/events';
import { parseInput } from '@mrt/graphql-kit';
import type { ParcelWeightTable } from '../../shipping/parcel-pricing.js';
import { enqueueShippingTables } from '../shipping-profile/shipping-table.publisher.js';
import { ParcelWeightStore } from './parcel-weight.store.js';
import type { ParcelWeights } from './parcel-weight.type.js';
import { weightsInputSchema } from './parcel-weight.validation.js';

export class ParcelWeightService {
  private readonly weights: ParcelWeightStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay?: Pick<OutboxRelay, 'notify'>,
  ) {
    this.weights = new ParcelWeightStore(dataSource.manager);
  }

  /** The stored table over the defaults: a format never configured still has a weight. */
  table(): Promise<ParcelWeightTable> {
    return this.weights.table();
  }

  /** Weights decide every shop's single-copy shipping: each shop's table is published again with them. */
  async set(input: unknown): Promise<ParcelWeightTable> {
    const data = parseInput(weightsInputSchema, input);
    const current = await this.table();
    const formats = { ...current.formats, ...Object.fromEntries((data.formats ?? []).map((f) => [f.format, f.grams])) };
    await this.dataSource.transaction(async (manager) => {
      await new ParcelWeightStore(manager).save({ packagingGrams: data.packagingGrams ?? current.packagingGrams, formats });
      await enqueueShippingTables(manager, 'all');
    });
    this.relay?.notify();
    return this.table();
  }
}

export function toParcelWeights(table: ParcelWeightTable): ParcelWeights {
  return { packagingGrams: table.packagingGrams, formats: FORMATS.map((format) => ({ format, grams: table.formats[format] })) };
}

import type { DataSource, Repository } from 'typeorm';
import { z } from 'zod';
import { FORMATS, formatSchema } from '@mrt/events';
import { parseInput } from '@mrt/graphql-kit';
import { DEFAULT_PARCEL_WEIGHTS, type ParcelWeightTable } from '../../shipping/parcel-pricing.js';
import { ParcelWeightsEntity } from './parcel-weight.entity.js';
import type { ParcelWeights } from './parcel-weight.type.js';

const grams = z.number().int().min(1, 'must be at least 1 gram').max(100_000);
const weightsInputSchema = z
  .object({
    packagingGrams: z.number().int().min(0, 'must not be negative').max(100_000).nullish(),
    formats: z.array(z.object({ format: formatSchema, grams })).nullish(),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.formats?.forEach((entry, i) => {
      if (seen.has(entry.format)) ctx.addIssue({ code: 'custom', path: ['formats', i, 'format'], message: 'is listed twice' });
      seen.add(entry.format);
    });
  });

export class ParcelWeightService {
  private readonly weights: Repository<ParcelWeightsEntity>;

  constructor(dataSource: DataSource) {
    this.weights = dataSource.getRepository(ParcelWeightsEntity);
  }

  /** The stored table over the defaults: a format never configured still has a weight. */
  async table(): Promise<ParcelWeightTable> {
    const row = await this.weights.findOneBy({ id: 1 });
    return {
      packagingGrams: row?.packagingGrams ?? DEFAULT_PARCEL_WEIGHTS.packagingGrams,
      formats: { ...DEFAULT_PARCEL_WEIGHTS.formats, ...row?.formats },
    };
  }

  async set(input: unknown): Promise<ParcelWeightTable> {
    const data = parseInput(weightsInputSchema, input);
    const current = await this.table();
    const formats = { ...current.formats, ...Object.fromEntries((data.formats ?? []).map((f) => [f.format, f.grams])) };
    await this.weights.upsert({ id: 1, packagingGrams: data.packagingGrams ?? current.packagingGrams, formats, updatedAt: new Date() }, ['id']);
    return this.table();
  }
}

export function toParcelWeights(table: ParcelWeightTable): ParcelWeights {
  return { packagingGrams: table.packagingGrams, formats: FORMATS.map((format) => ({ format, grams: table.formats[format] })) };
}

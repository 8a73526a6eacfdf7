import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Format } from '@mrt/events';

@Entity('parcel_weights')
export class ParcelWeightsEntity {
  @PrimaryColumn('smallint')
  id: number;

  @Column('integer', { name: 'packaging_grams' })
  packagingGrams: number;

  @Column('jsonb')
  formats: Partial<Record<Format, number>>;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ZoneDocument {
  name: string;
  /** ISO 3166-1 alpha-2 codes and group names (EU, WORLD). */
  countries: string[];
  /** Decimal text in the profile's currency; null: never free. */
  freeShippingThreshold: string | null;
  carrier: { name: string; tracked: boolean; minDays: number; maxDays: number };
  /** Inclusive gram ranges, sorted by minGrams, never overlapping; price is decimal text. */
  rates: { minGrams: number; maxGrams: number; price: string }[];
}

@Entity('shipping_profile')
export class ShippingProfileEntity {
  @PrimaryColumn('uuid', { name: 'distributor_id' })
  distributorId: string;

  @Column('char', { name: 'ships_from', length: 2 })
  shipsFrom: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('numeric', { name: 'handling_fee', precision: 12, scale: 2 })
  handlingFee: string;

  @Column('jsonb')
  zones: ZoneDocument[];

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

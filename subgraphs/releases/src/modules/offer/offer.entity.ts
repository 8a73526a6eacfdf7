import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Format, StockStatus } from '@mrt/events';

/** One shop's listing of a release in one format; distributor is a catalog id, never joined. */
@Entity('offer')
export class OfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'release_id' })
  releaseId: string;

  @Column('uuid', { name: 'distributor_id' })
  distributorId: string;

  /** "sku:<sku>" when the shop has SKUs, else "url:<url>"; unique per distributor. */
  @Column('text')
  identity: string;

  /** The raw listing key, so a removal (which carries only that key) finds the offer. */
  @Column('uuid', { name: 'source_id' })
  sourceId: string;

  @Column('text', { name: 'external_id' })
  externalId: string;

  @Column('text', { nullable: true })
  sku: string | null;

  @Column('text')
  url: string;

  @Column('text')
  format: Format;

  @Column('text', { nullable: true })
  variant: string | null;

  @Column('numeric', { name: 'price_amount', nullable: true })
  priceAmount: string | null;

  @Column('text', { name: 'price_currency', nullable: true })
  priceCurrency: string | null;

  @Column('text')
  stock: StockStatus;

  @Column('text', { name: 'content_hash' })
  contentHash: string;

  @Column('timestamptz', { name: 'first_seen_at' })
  firstSeenAt: Date;

  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt: Date;

  @Column('timestamptz', { name: 'removed_at', nullable: true })
  removedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReleaseDatePrecision, ReleaseType } from '@mrt/events';

@Entity('release')
export class ReleaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The first band (the only one unless a split): catalog ids, referenced only, never joined. */
  @Column('uuid', { name: 'band_id' })
  bandId: string;

  @Column('uuid', { name: 'band_ids', array: true })
  bandIds: string[];

  @Column('text', { name: 'band_names', array: true })
  bandNames: string[];

  @Column('text')
  title: string;

  @Column('text', { name: 'canonical_title' })
  canonicalTitle: string;

  @Column('text', { name: 'search_text' })
  searchText: string;

  @Column('text')
  type: ReleaseType;

  /** First day of the period for MONTH/YEAR precision; null when only an estimate text is known. */
  @Column('date', { name: 'release_date', nullable: true })
  releaseDate: string | null;

  @Column('text', { name: 'release_date_precision', nullable: true })
  releaseDatePrecision: ReleaseDatePrecision | null;

  @Column('text', { name: 'release_date_text', nullable: true })
  releaseDateText: string | null;

  @Column('uuid', { name: 'label_id', nullable: true })
  labelId: string | null;

  @Column('uuid', { name: 'genre_ids', array: true })
  genreIds: string[];

  @Column('text', { name: 'cover_url', nullable: true })
  coverUrl: string | null;

  @Column('boolean')
  reissue: boolean;

  /**
   * The cheapest live offer's own price (cheapest judged in euros at the latest rates), kept with
   * every offer and rate change; offers in a currency without a rate are not compared.
   */
  @Column('numeric', { name: 'lowest_price_amount', nullable: true })
  lowestPriceAmount: string | null;

  @Column('text', { name: 'lowest_price_currency', nullable: true })
  lowestPriceCurrency: string | null;

  /** That price in euros (12 decimals, unrounded for display): PRICE_ASC pages on it in any currency. */
  @Column('numeric', { name: 'lowest_price_eur', nullable: true })
  lowestPriceEur: string | null;

  /** Not stored: the delivered-price sort value of this row in a DELIVERED_PRICE_ASC page. */
  deliveredEur?: string | null;

  @Column('integer', { name: 'offer_count' })
  offerCount: number;

  /** When the tracker first saw it: NEWEST and announcedSince use it. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

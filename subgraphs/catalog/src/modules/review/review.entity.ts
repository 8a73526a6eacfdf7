import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const REVIEW_KINDS = ['AMBIGUOUS_BAND', 'SAME_NAME_BAND_CREATED', 'DISTRIBUTOR_CREATED'] as const;
export type ReviewKindValue = (typeof REVIEW_KINDS)[number];
export const REVIEW_STATUSES = ['OPEN', 'RESOLVED', 'REJECTED'] as const;
export type ReviewStatusValue = (typeof REVIEW_STATUSES)[number];

/** A resolution decision the catalog made without certainty, kept for an operator to confirm or correct. */
@Entity('resolution_review')
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: ReviewKindValue;

  @Column('text', { default: 'OPEN' })
  status: ReviewStatusValue;

  @Column('text', { name: 'raw_name' })
  rawName: string;

  @Column('text')
  reason: string;

  @Column('uuid', { name: 'candidate_ids', array: true, default: () => `'{}'` })
  candidateIds: string[];

  @Column('uuid', { name: 'chosen_band_id', nullable: true })
  chosenBandId: string | null;

  @Column('uuid', { name: 'distributor_id', nullable: true })
  distributorId: string | null;

  /** The event subject (listing or announcement) the decision was made for. */
  @Column('text')
  subject: string;

  /** Index into bandNames/bandIds of the resolved event. */
  @Column('int', { name: 'band_position', default: 0 })
  bandPosition: number;

  /** The resolved event as emitted, so a correction can be emitted again with the right band. */
  @Column('text', { name: 'event_type', nullable: true })
  eventType: 'catalog.listing.resolved' | 'catalog.announcement.resolved' | null;

  @Column('jsonb', { name: 'event_data', nullable: true })
  eventData: Record<string, unknown> | null;

  @Column('uuid', { name: 'resolved_band_id', nullable: true })
  resolvedBandId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;
}

import type { DataSource, EntityManager, Repository } from 'typeorm';
import { findByIds } from '@mrt/graphql-kit';
import { ReviewEntity, type ReviewKindValue, type ReviewStatusValue } from './review.entity.js';

/** A decision resolution made without certainty, for one band (or the shop) of one event. */
export interface OpenReview {
  kind: ReviewKindValue;
  rawName: string;
  reason: string;
  candidateIds: string[];
  chosenBandId: string | null;
  distributorId: string | null;
  /** Index into the event's bandNames/bandIds. */
  bandPosition: number;
}

/** The only place with SQL for resolution_review (the operators' review queue). */
export class ReviewStore {
  private readonly reviews: Repository<ReviewEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.reviews = db.getRepository(ReviewEntity);
  }

  list(status: ReviewStatusValue, limit: number): Promise<ReviewEntity[]> {
    return this.reviews.find({ where: { status }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }

  findByIds(ids: readonly string[]): Promise<ReviewEntity[]> {
    return findByIds(this.reviews, ids);
  }

  /** Row-locked until the transaction ends: one operator's decision at a time. */
  lock(id: string): Promise<ReviewEntity | null> {
    return this.reviews.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(review: ReviewEntity): Promise<ReviewEntity> {
    return this.reviews.save(review);
  }

  /**
   * Opens a review for the event's subject, or updates the open one: a listing captured again
   * keeps one review, with the event as last emitted (a correction re-emits it).
   */
  async open(subject: string, review: OpenReview, emitted: { type: string; data: unknown }): Promise<void> {
    await this.db.query(
      `INSERT INTO resolution_review (kind, raw_name, reason, candidate_ids, chosen_band_id, distributor_id, subject, band_position, event_type, event_data)
       VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7, $8, $9, $10::jsonb)
       ON CONFLICT (subject, kind, band_position) WHERE status = 'OPEN'
       DO UPDATE SET raw_name = EXCLUDED.raw_name, reason = EXCLUDED.reason, candidate_ids = EXCLUDED.candidate_ids,
                     chosen_band_id = EXCLUDED.chosen_band_id, event_type = EXCLUDED.event_type, event_data = EXCLUDED.event_data`,
      [review.kind, review.rawName, review.reason, review.candidateIds, review.chosenBandId, review.distributorId, subject, review.bandPosition, emitted.type, JSON.stringify(emitted.data)],
    );
  }

  /** A merged band's reviews now name the band it went into. */
  async repointChosenBand(fromBandId: string, toBandId: string): Promise<void> {
    await this.db.query(`UPDATE resolution_review SET chosen_band_id = $2 WHERE chosen_band_id = $1`, [fromBandId, toBandId]);
  }
}

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

/** A review a resolved event opens, with the event as emitted (to emit it again corrected). */
export interface ReviewOpening {
  subject: string;
  review: OpenReview;
  emitted: { type: string; data: unknown };
}

/** The only place with SQL for resolution_review (the operators' review queue). */
export class ReviewStore {
  private readonly reviews: Repository<ReviewEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.reviews = db.getRepository(ReviewEntity);
  }

  /**
   * Oldest first, after the review at `after` (createdAt, id). Times compare at millisecond
   * precision: the cursor carries a JavaScript date, which has no microseconds.
   */
  list(status: ReviewStatusValue, after: { createdAt: string; id: string } | null, limit: number): Promise<ReviewEntity[]> {
    const query = this.reviews
      .createQueryBuilder('r')
      .where('r.status = :status', { status })
      .orderBy(`date_trunc('milliseconds', r.created_at)`, 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit);
    if (after) {
      query.andWhere(`(date_trunc('milliseconds', r.created_at), r.id) > (:afterAt::timestamptz, :afterId::uuid)`, { afterAt: after.createdAt, afterId: after.id });
    }
    return query.getMany();
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
   * Opens a review for each event's subject, or updates the open one: a listing captured again
   * keeps one review, with the event as last emitted (a correction re-emits it). One statement
   * for a batch; given in the order the decisions were made, which is the queue's order.
   */
  async openAll(opened: readonly ReviewOpening[]): Promise<void> {
    // One row per open review: a later decision on the same one updates it, as a later statement would.
    const byKey = new Map<string, Record<string, unknown>>();
    opened.forEach(({ subject, review, emitted }, index) => {
      const key = JSON.stringify([subject, review.kind, review.bandPosition]);
      const first = byKey.get(key);
      byKey.set(key, {
        kind: review.kind,
        raw_name: review.rawName,
        reason: review.reason,
        candidate_ids: review.candidateIds,
        chosen_band_id: review.chosenBandId,
        distributor_id: first ? first.distributor_id : review.distributorId,
        subject,
        band_position: review.bandPosition,
        event_type: emitted.type,
        event_data: emitted.data,
        created_after: first ? first.created_after : index,
      });
    });
    if (byKey.size === 0) return;
    await this.db.query(
      `INSERT INTO resolution_review (kind, raw_name, reason, candidate_ids, chosen_band_id, distributor_id, subject, band_position, event_type, event_data, created_at)
       SELECT kind, raw_name, reason, candidate_ids, chosen_band_id, distributor_id, subject, band_position, event_type, event_data,
              now() + created_after * interval '1 microsecond'
         FROM jsonb_to_recordset($1::jsonb) AS r(kind text, raw_name text, reason text, candidate_ids uuid[], chosen_band_id uuid, distributor_id uuid,
                                                 subject text, band_position int, event_type text, event_data jsonb, created_after int)
        ORDER BY created_after
       ON CONFLICT (subject, kind, band_position) WHERE status = 'OPEN'
       DO UPDATE SET raw_name = EXCLUDED.raw_name, reason = EXCLUDED.reason, candidate_ids = EXCLUDED.candidate_ids,
                     chosen_band_id = EXCLUDED.chosen_band_id, event_type = EXCLUDED.event_type, event_data = EXCLUDED.event_data`,
      [JSON.stringify([...byKey.values()])],
    );
  }

  /** A merged band's reviews now name the band it went into. */
  async repointChosenBand(fromBandId: string, toBandId: string): Promise<void> {
    await this.db.query(`UPDATE resolution_review SET chosen_band_id = $2 WHERE chosen_band_id = $1`, [fromBandId, toBandId]);
  }
}

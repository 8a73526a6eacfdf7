import type { DataSource } from 'typeorm';
import { createEvent, enqueueEvents } from '@mrt/events';
import { BadUserInputError, NotFoundError, decodeCursor, pageSize, isUuid, toConnection, type Connection } from '@mrt/graphql-kit';
import { BandStore } from '../band/band.store.js';
import type { ReviewEntity, ReviewStatusValue } from './review.entity.js';
import { ReviewStore } from './review.store.js';

export class ReviewService {
  private readonly reviews: ReviewStore;

  constructor(private readonly dataSource: DataSource) {
    this.reviews = new ReviewStore(dataSource);
  }

  /** Oldest first; keyset pagination on (createdAt, id). */
  async list(status: ReviewStatusValue, first?: number | null, after?: string | null): Promise<Connection<ReviewEntity>> {
    const limit = pageSize(first, { default: 50, max: 200 });
    const cursor = decodeCursor(after, 2);
    const position = cursor ? { createdAt: String(cursor[0]), id: String(cursor[1]) } : null;
    if (position && (Number.isNaN(Date.parse(position.createdAt)) || !isUuid(position.id))) {
      throw new BadUserInputError('after is not a valid cursor', [{ path: 'after', message: 'not a cursor from this list' }]);
    }
    const rows = await this.reviews.list(status, position, limit + 1);
    return toConnection(rows, limit, (review) => [review.createdAt.toISOString(), review.id]);
  }

  findByIds(ids: readonly string[]): Promise<ReviewEntity[]> {
    return this.reviews.findByIds(ids);
  }

  /**
   * Closes a review. For a band decision the operator names the right band (default: the one
   * picked); the listing's label and genres become that band's evidence, so the next listing
   * resolves without asking, and when it differs from the pick the resolved event is emitted
   * again with the corrected band so releases re-points the listing.
   */
  async resolve(id: string, bandId: string | null | undefined): Promise<ReviewEntity> {
    if (!isUuid(id)) throw new NotFoundError('ResolutionReview', id);
    return this.dataSource.transaction(async (manager) => {
      const reviews = new ReviewStore(manager);
      const bands = new BandStore(manager);
      const review = await reviews.lock(id);
      if (!review) throw new NotFoundError('ResolutionReview', id);
      if (review.status !== 'OPEN') throw new BadUserInputError('This review is already resolved', [{ path: 'id', message: 'already resolved' }]);
      if (review.kind === 'DISTRIBUTOR_CREATED') {
        if (bandId) throw new BadUserInputError('A distributor review takes no band', [{ path: 'bandId', message: 'must be omitted for DISTRIBUTOR_CREATED' }]);
      } else {
        const chosen = bandId ?? review.chosenBandId;
        if (!chosen || !isUuid(chosen) || !(await bands.exists(chosen))) {
          throw new NotFoundError('Band', chosen ?? '');
        }
        const data = review.eventData as { bandIds: string[]; labelId: string | null; genreIds: string[]; genre: string | null } | null;
        if (data) {
          await bands.addEvidence(chosen, { labelId: data.labelId, genreIds: data.genreIds }, data.genre);
          if (review.eventType && data.bandIds[review.bandPosition] !== chosen) {
            const bandIds = data.bandIds.map((bid, i) => (i === review.bandPosition ? chosen : bid));
            const corrected = { ...data, bandIds };
            await enqueueEvents(manager, [createEvent(review.eventType, { producer: 'catalog', subject: review.subject, data: corrected as never })]);
            review.eventData = corrected;
          }
        }
        review.resolvedBandId = chosen;
      }
      review.status = 'RESOLVED';
      review.resolvedAt = new Date();
      return reviews.save(review);
    });
  }
}

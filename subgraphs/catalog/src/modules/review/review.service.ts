import { type DataSource, type Repository } from 'typeorm';
import { z } from 'zod';
import { createEvent, enqueueEvents } from '@mrt/events';
import { BadUserInputError, NotFoundError, findByIds, pageSize } from '@mrt/graphql-kit';
import type { ResolutionService } from '../../resolution/resolution.service.js';
import { BandEntity } from '../band/band.entity.js';
import { ReviewEntity, type ReviewStatusValue } from './review.entity.js';

export class ReviewService {
  private readonly reviews: Repository<ReviewEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly resolution: ResolutionService,
  ) {
    this.reviews = dataSource.getRepository(ReviewEntity);
  }

  list(status: ReviewStatusValue, first?: number | null): Promise<ReviewEntity[]> {
    return this.reviews.find({ where: { status }, order: { createdAt: 'ASC', id: 'ASC' }, take: pageSize(first, { default: 50, max: 200 }) });
  }

  findByIds(ids: readonly string[]): Promise<ReviewEntity[]> {
    return findByIds(this.reviews, ids);
  }

  /**
   * Closes a review. For a band decision the operator names the right band (default: the one
   * picked); the listing's label and genres become that band's evidence, so the next listing
   * resolves without asking, and when it differs from the pick the resolved event is emitted
   * again with the corrected band so releases re-points the listing.
   */
  async resolve(id: string, bandId: string | null | undefined): Promise<ReviewEntity> {
    if (!z.uuid().safeParse(id).success) throw new NotFoundError('ResolutionReview', id);
    return this.dataSource.transaction(async (manager) => {
      const review = await manager.getRepository(ReviewEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!review) throw new NotFoundError('ResolutionReview', id);
      if (review.status !== 'OPEN') throw new BadUserInputError('This review is already resolved', [{ path: 'id', message: 'already resolved' }]);
      if (review.kind === 'DISTRIBUTOR_CREATED') {
        if (bandId) throw new BadUserInputError('A distributor review takes no band', [{ path: 'bandId', message: 'must be omitted for DISTRIBUTOR_CREATED' }]);
      } else {
        const chosen = bandId ?? review.chosenBandId;
        if (!chosen || !z.uuid().safeParse(chosen).success || !(await manager.getRepository(BandEntity).existsBy({ id: chosen }))) {
          throw new NotFoundError('Band', chosen ?? '');
        }
        const data = review.eventData as { bandIds: string[]; labelId: string | null; genreIds: string[]; genre: string | null } | null;
        if (data) {
          await this.resolution.addEvidence(manager, chosen, { labelId: data.labelId, genreIds: data.genreIds }, data.genre);
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
      return manager.save(ReviewEntity, review);
    });
  }
}

import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { createEvent, enqueueEvents } from '@mrt/events';
import { BadUserInputError, NotFoundError, decodeCursor, pageSize, isUuid, toConnection, type Connection } from '@mrt/graphql-kit';
import { cleanDisplayName, foldName, slugify } from '../../resolution/normalize.js';
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
    return this.closeOpen(id, async (review, manager) => {
      if (review.kind === 'DISTRIBUTOR_CREATED') {
        if (bandId) throw new BadUserInputError('A distributor review takes no band', [{ path: 'bandId', message: 'must be omitted for DISTRIBUTOR_CREATED' }]);
        return;
      }
      const chosen = bandId ?? review.chosenBandId;
      if (!chosen || !isUuid(chosen) || !(await new BandStore(manager).exists(chosen))) throw new NotFoundError('Band', chosen ?? '');
      await this.settleOnBand(manager, review, chosen);
    });
  }

  /**
   * None of the weighed bands is the listing's: a new band of the name the listing had is
   * created (slug "name-2"... beside its namesakes) and the review settles on it, as `resolve`
   * with that band would.
   */
  async resolveWithNewBand(id: string): Promise<ReviewEntity> {
    return this.closeOpen(id, async (review, manager) => {
      if (review.kind === 'DISTRIBUTOR_CREATED') throw new BadUserInputError('A distributor review has no band to create', [{ path: 'id', message: 'is a DISTRIBUTOR_CREATED review' }]);
      const bands = new BandStore(manager);
      const name = cleanDisplayName(review.rawName);
      await bands.lockFoldedNames([foldName(name)]);
      const bandId = randomUUID();
      await bands.insertWithFreeSlug({ id: bandId, name, slug: slugify(name), nameFolded: foldName(name), createdAfter: 0 });
      await this.settleOnBand(manager, review, bandId);
    });
  }

  /**
   * The decision is wrong and the operator cannot say what is right (not a band's release at
   * all, a shop that is no shop): the review closes as REJECTED, no band learns from the
   * listing and nothing is emitted again.
   */
  async reject(id: string): Promise<ReviewEntity> {
    return this.closeOpen(id, async () => undefined, 'REJECTED');
  }

  /** Locks an open review, lets `decide` act on it, and closes it: one operator's decision at a time. */
  private closeOpen(id: string, decide: (review: ReviewEntity, manager: EntityManager) => Promise<void>, status: ReviewStatusValue = 'RESOLVED'): Promise<ReviewEntity> {
    if (!isUuid(id)) throw new NotFoundError('ResolutionReview', id);
    return this.dataSource.transaction(async (manager) => {
      const reviews = new ReviewStore(manager);
      const review = await reviews.lock(id);
      if (!review) throw new NotFoundError('ResolutionReview', id);
      if (review.status !== 'OPEN') throw new BadUserInputError('This review is already closed', [{ path: 'id', message: 'already closed' }]);
      await decide(review, manager);
      review.status = status;
      review.resolvedAt = new Date();
      return reviews.save(review);
    });
  }

  /** The band becomes the listing's: it learns the listing's evidence, and a changed pick is emitted again. */
  private async settleOnBand(manager: EntityManager, review: ReviewEntity, chosen: string): Promise<void> {
    const data = review.eventData as { bandIds: string[]; labelId: string | null; genreIds: string[]; genre: string | null } | null;
    if (data) {
      await new BandStore(manager).addEvidence(chosen, { labelId: data.labelId, genreIds: data.genreIds }, data.genre);
      if (review.eventType && data.bandIds[review.bandPosition] !== chosen) {
        const bandIds = data.bandIds.map((bid, i) => (i === review.bandPosition ? chosen : bid));
        const corrected = { ...data, bandIds };
        await enqueueEvents(manager, [createEvent(review.eventType, { producer: 'catalog', subject: review.subject, data: corrected as never })]);
        review.eventData = corrected;
      }
    }
    review.resolvedBandId = chosen;
  }
}

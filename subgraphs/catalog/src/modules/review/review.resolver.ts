import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequireScope, auditedChange, idLoader, isUuid, type RequestContext } from '@mrt/graphql-kit';
import { Band } from '../band/band.type.js';
import { bandLoader } from '../band/band.loader.js';
import type { BandService } from '../band/band.service.js';
import { Distributor } from '../distributor/distributor.type.js';
import type { DistributorService } from '../distributor/distributor.service.js';
import type { ReviewEntity, ReviewStatusValue } from './review.entity.js';
import type { ReviewService } from './review.service.js';
import { ResolutionReview, ResolutionReviewConnection, ReviewStatus } from './review.type.js';

@Resolver(() => ResolutionReview)
export class ReviewResolver {
  constructor(
    private readonly reviewService: ReviewService,
    private readonly bandService: BandService,
    private readonly distributorService: DistributorService,
  ) {}

  @RequireScope('catalog:write')
  @Query(() => ResolutionReviewConnection, { description: 'Resolution decisions waiting for an operator, oldest first (scope catalog:write)' })
  resolutionReviews(
    @Arg('status', () => ReviewStatus, { nullable: true, description: 'Default OPEN' }) status?: ReviewStatusValue,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    return this.reviewService.list(status ?? 'OPEN', first, after);
  }

  @RequireScope('catalog:write')
  @Mutation(() => ResolutionReview, {
    description: 'Confirms a decision, or corrects it by naming the right band; a correction re-emits the resolved listing (scope catalog:write)',
  })
  resolveReview(@Arg('id', () => ID) id: string, @Arg('bandId', () => ID, { nullable: true }) bandId?: string): Promise<ReviewEntity> {
    return this.reviewService.resolve(id, bandId);
  }

  @RequireScope('catalog:write')
  @Mutation(() => ResolutionReview, {
    description: 'None of the weighed bands is right: creates a new band of the listing\'s name and settles the review on it (scope catalog:write)',
  })
  resolveReviewWithNewBand(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<ReviewEntity> {
    return auditedChange(context, { entity: 'ResolutionReview', id }, () => this.readReview(id), () => this.reviewService.resolveWithNewBand(id));
  }

  @RequireScope('catalog:write')
  @Mutation(() => ResolutionReview, { description: 'Closes a review as wrong without naming a band; nothing is learnt or emitted again (scope catalog:write)' })
  rejectReview(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<ReviewEntity> {
    return auditedChange(context, { entity: 'ResolutionReview', id }, () => this.readReview(id), () => this.reviewService.reject(id));
  }

  /** A review as the audit log shows it before an operator's answer (null when the id is no review). */
  private async readReview(id: string): Promise<ReviewEntity | null> {
    return isUuid(id) ? ((await this.reviewService.findByIds([id]))[0] ?? null) : null;
  }

  @FieldResolver(() => [Band], { description: 'The same-name bands that were weighed' })
  async candidates(@Root() review: ReviewEntity, @Ctx() context: RequestContext) {
    const bands = await bandLoader(context, this.bandService).loadMany(review.candidateIds);
    return bands.filter((band): band is NonNullable<typeof band> => band !== null && !(band instanceof Error));
  }

  @FieldResolver(() => Band, { nullable: true, description: 'The band resolution picked or created' })
  chosenBand(@Root() review: ReviewEntity, @Ctx() context: RequestContext) {
    return review.chosenBandId ? bandLoader(context, this.bandService).load(review.chosenBandId) : null;
  }

  @FieldResolver(() => Band, { nullable: true, description: 'The band the operator settled on' })
  resolvedBand(@Root() review: ReviewEntity, @Ctx() context: RequestContext) {
    return review.resolvedBandId ? bandLoader(context, this.bandService).load(review.resolvedBandId) : null;
  }

  @FieldResolver(() => Distributor, { nullable: true, description: 'The shop created, for DISTRIBUTOR_CREATED' })
  distributor(@Root() review: ReviewEntity, @Ctx() context: RequestContext) {
    return review.distributorId ? idLoader(context.loaders, 'distributor.byId', (ids) => this.distributorService.findByIds(ids)).load(review.distributorId) : null;
  }
}

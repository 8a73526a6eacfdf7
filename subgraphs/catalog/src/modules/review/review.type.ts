import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '@mrt/graphql-kit';
import { REVIEW_KINDS, REVIEW_STATUSES, type ReviewKindValue, type ReviewStatusValue } from './review.entity.js';

export const ReviewKind = Object.fromEntries(REVIEW_KINDS.map((k) => [k, k])) as { [K in ReviewKindValue]: K };
registerEnumType(ReviewKind, {
  name: 'ReviewKind',
  description: 'Why resolution asks an operator to look',
  valuesConfig: {
    AMBIGUOUS_BAND: { description: 'Several same-name bands fit a listing; one was picked deterministically' },
    SAME_NAME_BAND_CREATED: { description: 'Bands of that name exist but none fit, so a new one was created' },
    DISTRIBUTOR_CREATED: { description: "A listing came without a known shop; one was created from its URL's host" },
  },
});
export const ReviewStatus = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, s])) as { [K in ReviewStatusValue]: K };
registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  valuesConfig: {
    OPEN: { description: 'Waiting for an operator' },
    RESOLVED: { description: 'An operator settled on a band (or confirmed the shop)' },
    REJECTED: { description: 'An operator rejected the decision without naming a band; nothing was learnt from it' },
  },
});

@ObjectType('ResolutionReview', { description: 'A resolution decision made without certainty, waiting for an operator' })
export class ResolutionReview {
  @Field(() => ID)
  id: string;

  @Field(() => ReviewKind)
  kind: ReviewKindValue;

  @Field(() => ReviewStatus)
  status: ReviewStatusValue;

  @Field({ description: 'The band name (or shop host) as the listing had it' })
  rawName: string;

  @Field({ description: 'The evidence and the decision, in words' })
  reason: string;

  @Field({ description: 'Listing or announcement the decision was made for' })
  subject: string;

  @Field(() => Int, { description: "Position of the band among the listing's band names" })
  bandPosition: number;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;
}

export const ResolutionReviewConnection = ConnectionType(ResolutionReview, 'ResolutionReview');

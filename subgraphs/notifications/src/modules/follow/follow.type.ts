import { Field, ID, ObjectType } from 'type-graphql';
import { Format, Money, ReleaseType } from '@mrt/graphql-kit';
import type { Format as FormatValue, ReleaseType as ReleaseTypeValue } from '@mrt/events';
import { NotificationKind } from '../notification/notification-kind.js';
import { FollowTargetType } from './follow-target-type.js';
import { LifecycleStep, type LifecycleStep as LifecycleStepValue } from './lifecycle-step.js';

@ObjectType('Follow', { description: 'Something a fan follows, with the rules for what they are told' })
export class Follow {
  @Field(() => ID)
  id: string;

  @Field(() => FollowTargetType)
  targetType: FollowTargetType;

  @Field(() => ID, { description: 'Id of the followed band, label, genre, release or distributor' })
  targetId: string;

  @Field(() => [NotificationKind], { description: 'Kinds of news this follow reports' })
  events: NotificationKind[];

  @Field(() => [Format], { nullable: true, description: 'Only these formats; null for every format' })
  formats: FormatValue[] | null;

  @Field(() => [ReleaseType], { nullable: true, description: 'Only these release types; null for every type' })
  releaseTypes: ReleaseTypeValue[] | null;

  @Field(() => Money, { nullable: true, description: 'Only offers at most this price' })
  maxPrice: Money | null;

  @Field(() => [LifecycleStep], { nullable: true, description: 'The lifecycle steps it reports (then events are not consulted); null when it reports by events' })
  steps: LifecycleStepValue[] | null;

  @Field(() => Money, { nullable: true, description: "Only offers at most this price delivered to `country` (shelf plus the shop's shipping), in its currency" })
  maxDeliveredPrice: Money | null;

  @Field(() => String, { nullable: true, description: 'The country the delivered-price condition delivers to' })
  country: string | null;

  @Field(() => [ID], { nullable: true, description: 'The notification channels it sends to; null for your default channels' })
  channelIds: string[] | null;

  @Field()
  createdAt: Date;
}

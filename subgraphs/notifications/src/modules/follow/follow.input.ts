import { Field, ID, InputType } from 'type-graphql';
import { Format, MoneyInput, ReleaseType } from '@mrt/graphql-kit';
import type { Format as FormatValue, ReleaseType as ReleaseTypeValue } from '@mrt/events';
import { NotificationKind } from '../notification/notification-kind.js';
import { FollowTargetType } from './follow-target-type.js';
import { LifecycleStep, type LifecycleStep as LifecycleStepValue } from './lifecycle-step.js';

@InputType('FollowInput', { description: 'What to follow and which of its news to be told about' })
export class FollowInput {
  @Field(() => FollowTargetType)
  targetType: FollowTargetType;

  @Field(() => ID, { description: 'Id of the band, label, genre, release or distributor' })
  targetId: string;

  @Field(() => [NotificationKind], { nullable: true, description: 'Kinds to be told about; default depends on the target type' })
  events?: NotificationKind[] | null;

  @Field(() => [Format], { nullable: true, description: 'Only offers in these formats; default every format' })
  formats?: FormatValue[] | null;

  @Field(() => [ReleaseType], { nullable: true, description: 'Only releases of these types; default every type' })
  releaseTypes?: ReleaseTypeValue[] | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Only offers at most this price (converted with current rates)' })
  maxPrice?: MoneyInput | null;

  @Field(() => [LifecycleStep], {
    nullable: true,
    description: 'A release follow: the lifecycle steps to be told about (instead of events); default none (judged by events)',
  })
  steps?: LifecycleStepValue[] | null;

  @Field(() => MoneyInput, {
    nullable: true,
    description: "A release follow: only offers whose delivered price (shelf plus that shop's shipping to `country`) is at most this, in its currency",
  })
  maxDeliveredPrice?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country the delivered price is delivered to; default your profile country' })
  country?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Your notification channels to send its news to; default (null) your default channels, [] the app only' })
  channelIds?: string[] | null;
}

@InputType('UpdateFollowInput', { description: 'Changes to a follow; omitted fields keep their value, null clears a filter' })
export class UpdateFollowInput {
  @Field(() => [NotificationKind], { nullable: true })
  events?: NotificationKind[] | null;

  @Field(() => [Format], { nullable: true })
  formats?: FormatValue[] | null;

  @Field(() => [ReleaseType], { nullable: true })
  releaseTypes?: ReleaseTypeValue[] | null;

  @Field(() => MoneyInput, { nullable: true })
  maxPrice?: MoneyInput | null;

  @Field(() => [LifecycleStep], { nullable: true, description: 'Null goes back to reporting by events' })
  steps?: LifecycleStepValue[] | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Null removes the delivered-price condition' })
  maxDeliveredPrice?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'Default (with a new maxDeliveredPrice) your profile country' })
  country?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Null goes back to your default channels' })
  channelIds?: string[] | null;
}

import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('NotificationDelivery', { description: 'One notification sent (or being sent) through one channel to one destination' })
export class NotificationDelivery {
  @Field(() => ID)
  id: string;

  @Field({ description: 'WEBHOOK, DISCORD or NTFY' })
  channel: string;

  @Field(() => ID, { description: 'The webhook or notification channel it went to' })
  destinationId: string;

  @Field({ description: 'PENDING (due, waiting to retry or for the end of quiet hours), SENDING, DELIVERED, FAILED, SKIPPED (the destination was paused) or IN_DIGEST (goes out with the channel\'s next digest, at nextAttemptAt)' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt' })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true, description: 'Stable code of the last failure: RATE_LIMITED, DESTINATION_GONE, TIMEOUT, HTTP_500, INTERRUPTED, ...' })
  lastErrorCode: string | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => String, { nullable: true, description: "The provider's id of the sent message, where it gives one" })
  providerMessageId: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while PENDING; when its digest goes out, while IN_DIGEST' })
  nextAttemptAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Why a PENDING delivery waits without having failed: QUIET_HOURS (the fan's quiet hours; it goes at nextAttemptAt, when they end) or RATE_LIMIT (the provider's limit); null otherwise",
  })
  heldFor: string | null;
}

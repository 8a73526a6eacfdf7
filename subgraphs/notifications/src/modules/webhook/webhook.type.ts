import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Webhook', { description: 'A URL your notifications are POSTed to, signed with HMAC-SHA256' })
export class Webhook {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field({ description: 'False once disabled after repeated failed deliveries; re-enable with enableWebhook' })
  active: boolean;

  @Field(() => Int, { description: 'Deliveries in a row that failed all their attempts' })
  consecutiveFailures: number;

  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType('WebhookRegistration', { description: 'A new webhook and its signing secret (shown only once)' })
export class WebhookRegistration {
  @Field(() => Webhook)
  webhook: Webhook;

  @Field({ description: 'HMAC-SHA256 key for the x-mrt-signature header; store it now, it is not shown again' })
  secret: string;
}

@ObjectType('WebhookDelivery', { description: 'One notification sent (or being sent) to a webhook' })
export class WebhookDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  notificationId: string;

  @Field({ description: 'PENDING (will retry), DELIVERED or FAILED' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt' })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while PENDING' })
  nextAttemptAt: Date | null;
}

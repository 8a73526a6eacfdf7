import { Field, InputType } from 'type-graphql';

@InputType('WebPushSubscriptionInput', { description: "A browser's PushSubscription (its toJSON(): endpoint and keys)" })
export class WebPushSubscriptionInput {
  @Field({ description: "The push service URL the browser gave" })
  endpoint: string;

  @Field({ description: 'keys.p256dh, base64url' })
  p256dh: string;

  @Field({ description: 'keys.auth, base64url' })
  auth: string;

  @Field(() => String, { nullable: true, description: 'Which browser or device, for you' })
  label?: string | null;
}

import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { NotificationChannelKind, type ChannelKind } from './channel-kind.js';

@ObjectType('NotificationChannel', { description: 'A place outside the app your notifications are sent to' })
export class NotificationChannel {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationChannelKind)
  kind: ChannelKind;

  @Field({ description: 'The Discord webhook or ntfy topic URL, or the email address' })
  url: string;

  @Field({ description: 'False for an email address until its owner followed the confirmation link: nothing is sent to it before' })
  verified: boolean;

  @Field(() => String, { nullable: true, description: 'Your name for it' })
  label: string | null;

  @Field({ description: 'Used by follows that choose no channels of their own' })
  isDefault: boolean;

  @Field(() => Int, { description: 'Deliveries in a row that failed all their attempts' })
  consecutiveFailures: number;

  @Field(() => Date, { nullable: true, description: 'When it was paused after failures (or because the service refused it); null while active' })
  pausedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was paused: an error code such as DESTINATION_GONE or RATE_LIMITED' })
  pauseReason: string | null;

  @Field()
  createdAt: Date;
}

@InputType('AddNotificationChannelInput')
export class AddNotificationChannelInput {
  @Field(() => NotificationChannelKind)
  kind: ChannelKind;

  @Field(() => String, { nullable: true, description: 'For DISCORD a webhook URL (https://discord.com/api/webhooks/...), for NTFY a topic URL (https://ntfy.sh/<topic>)' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'For EMAIL the address; a confirmation link is sent to it first' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  label?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Send follows without a channel choice here (default true)' })
  isDefault?: boolean | null;
}

import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { DigestFrequency } from '../../domain/digest-schedule.js';
import { DigestFrequencyEnum, NotificationChannelKind, type ChannelKind } from './channel-kind.js';

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

  @Field(() => DigestFrequencyEnum, { description: 'INSTANT, or collected into a DAILY or WEEKLY digest (email, Telegram, Discord and ntfy)' })
  digest: DigestFrequency;

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

@InputType('UpdateNotificationChannelInput')
export class UpdateNotificationChannelInput {
  @Field(() => DigestFrequencyEnum, { nullable: true, description: 'What is already collected still goes out at its digest time' })
  digest?: DigestFrequency | null;
}

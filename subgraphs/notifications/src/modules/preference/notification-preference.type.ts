import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '@mrt/graphql-kit';
import { WEEKDAYS, type Weekday } from '../../domain/digest-schedule.js';

export const WeekdayEnum = graphqlEnum('Weekday', WEEKDAYS, 'A day of the week');

@ObjectType('NotificationPreferences', { description: 'When and how notifications outside the app reach you: time zone, language, digest time and quiet hours' })
export class NotificationPreferencesView {
  @Field({ description: 'IANA time zone the digest hour and quiet hours are read in, e.g. Europe/Berlin (default UTC)' })
  timeZone: string;

  @Field({ description: 'Language tag of emails and messages (en, de; others read English)' })
  language: string;

  @Field(() => Int, { description: 'Local hour (0-23) daily and weekly digests go out' })
  digestHour: number;

  @Field(() => WeekdayEnum, { description: 'The day weekly digests go out' })
  digestWeekday: Weekday;

  @Field(() => String, { nullable: true, description: 'Start of quiet hours as HH:MM local time; instant messages wait until they end. Null: no quiet hours' })
  quietHoursStart: string | null;

  @Field(() => String, { nullable: true, description: 'End of quiet hours as HH:MM; before the start means the window spans midnight (22:00-07:00)' })
  quietHoursEnd: string | null;

  @Field(() => Date, { nullable: true, description: 'When you last saved them; null while these are the defaults' })
  updatedAt: Date | null;
}

@InputType('NotificationPreferencesInput')
export class NotificationPreferencesInput {
  @Field({ description: 'IANA time zone, e.g. Europe/Berlin' })
  timeZone: string;

  @Field({ description: 'Language tag, e.g. en or de' })
  language: string;

  @Field(() => Int, { description: '0-23' })
  digestHour: number;

  @Field(() => WeekdayEnum)
  digestWeekday: Weekday;

  @Field(() => String, { nullable: true, description: 'HH:MM; set together with quietHoursEnd, or both null for none' })
  quietHoursStart?: string | null;

  @Field(() => String, { nullable: true, description: 'HH:MM' })
  quietHoursEnd?: string | null;
}

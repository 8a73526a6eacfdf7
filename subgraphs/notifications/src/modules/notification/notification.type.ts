import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '@mrt/graphql-kit';

@Directive('@key(fields: "id")')
@ObjectType('Notification', { description: 'Something a fan was told about a band, label, genre or release they follow' })
export class Notification {
  @Field(() => ID)
  id: string;

  @Field({ description: 'What happened (a NotificationKind)' })
  kind: string;

  @Field()
  title: string;

  @Field()
  message: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the user marked it read; null while unread' })
  readAt: Date | null;
}

export const NotificationConnection = ConnectionType(Notification, 'Notification');

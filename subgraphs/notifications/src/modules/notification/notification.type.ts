import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '@mrt/graphql-kit';
import { OfferReference, ReleaseReference } from './entity-references.js';
import { NotificationKind } from './notification-kind.js';

@Directive('@key(fields: "id")')
@ObjectType('Notification', { description: 'Something a fan was told about a band, label, genre, release or shop they follow' })
export class Notification {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind, { description: 'What happened' })
  kind: NotificationKind;

  @Field({ description: 'One line, e.g. for a push title' })
  title: string;

  @Field({ description: 'A sentence saying what happened' })
  message: string;

  @Field(() => ReleaseReference, { nullable: true, description: 'The release it is about (null for broadcasts)' })
  release: ReleaseReference | null;

  @Field(() => OfferReference, { nullable: true, description: 'The offer it is about, for price, stock and offer news' })
  offer: OfferReference | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the user marked it read; null while unread' })
  readAt: Date | null;
}

export const NotificationConnection = ConnectionType(Notification, 'Notification');

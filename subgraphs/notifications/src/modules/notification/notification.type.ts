import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType, Money } from '@mrt/graphql-kit';
import { OfferReference, ReleaseReference } from './entity-references.js';
import { NotificationKind } from './notification-kind.js';

@ObjectType('DeliveredPriceJudged', { description: 'A delivered price as a follow condition judged it' })
export class DeliveredPriceJudged {
  @Field(() => Money, { description: "Shelf price plus that shop's shipping, converted to the condition's currency" })
  total: Money;

  @Field({ description: 'ISO 3166-1 alpha-2 country it is delivered to' })
  country: string;
}

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

  @Field(() => DeliveredPriceJudged, { nullable: true, description: "The delivered price your follow's condition judged it on (shelf plus shipping to the country, in your currency); null when no delivered-price condition did" })
  deliveredPrice: DeliveredPriceJudged | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the user marked it read; null while unread' })
  readAt: Date | null;
}

export const NotificationConnection = ConnectionType(Notification, 'Notification');

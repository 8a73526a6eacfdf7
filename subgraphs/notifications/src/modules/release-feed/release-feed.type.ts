import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Format } from '@mrt/graphql-kit';
import type { Format as FormatValue } from '@mrt/events';
import { OfferReference, ReleaseReference } from '../notification/entity-references.js';
import { NotificationKind } from '../notification/notification-kind.js';

@ObjectType('ReleaseFeedEvent', { description: 'Public news about a release: an announcement or a change of one of its offers' })
export class ReleaseFeedEvent {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field(() => ReleaseReference)
  release: ReleaseReference;

  @Field(() => OfferReference, { nullable: true, description: 'The offer, for offer news' })
  offer: OfferReference | null;

  @Field(() => [ID], { description: 'Catalog ids of the release’s bands' })
  bandIds: string[];

  @Field(() => Format, { nullable: true, description: 'The offer’s format, for offer news' })
  format: FormatValue | null;

  @Field()
  occurredAt: Date;
}

@InputType('ReleaseFeedFilter', { description: 'Only news matching every given list (each list matches any of its values)' })
export class ReleaseFeedFilter {
  @Field(() => [ID], { nullable: true, description: 'Any of these bands (at most 100)' })
  bandIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Any of these genres (at most 100)' })
  genreIds?: string[] | null;

  @Field(() => [Format], { nullable: true, description: 'Offers in any of these formats (announcements have none and are left out)' })
  formats?: FormatValue[] | null;

  @Field(() => [NotificationKind], { nullable: true, description: 'Only these kinds of news' })
  kinds?: NotificationKind[] | null;
}

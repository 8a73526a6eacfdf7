import { Field, ObjectType } from 'type-graphql';
import type { Format as FormatValue } from '@mrt/events';
import { Format, Money, graphqlEnum } from '@mrt/graphql-kit';
import { DistributorReference } from '../catalog/distributor.type.js';
import { Offer } from '../offer/offer.type.js';
import { TIMELINE_KINDS, type TimelineKind as TimelineKindValue } from './timeline.js';

export const TimelineKind = graphqlEnum('TimelineKind', TIMELINE_KINDS, 'One step in the life of a release across shops', {
  ANNOUNCED: 'The tracker first saw it (an announcement or a first listing)',
  PRE_ORDER_OPENED: 'A shop opened pre-orders',
  IN_STOCK: 'A shop has it in stock (listed in stock, or a pre-order that shipped)',
  OUT_TODAY: 'Its release day',
  PRICE_DROP: 'A shop lowered its price (in its own currency)',
  PRICE_INCREASE: 'A shop raised its price (in its own currency)',
  BACK_IN_STOCK: 'A shop has it again after selling out',
  SOLD_OUT: 'A shop sold out',
  REMOVED: 'A shop took it down',
});

@ObjectType('TimelineStep', { description: 'What happened, when, at which shop and at what price' })
export class TimelineStep {
  @Field(() => TimelineKind)
  kind: TimelineKindValue;

  @Field()
  at: Date;

  @Field(() => DistributorReference, { nullable: true, description: 'The shop; null for release-wide steps (announced, out today)' })
  distributor: DistributorReference | null;

  @Field(() => Offer, { nullable: true, description: "The shop's offer" })
  offer: Offer | null;

  @Field(() => Format, { nullable: true })
  format: FormatValue | null;

  @Field(() => Money, { nullable: true, description: "The shop's price at that step, in its currency" })
  price: Money | null;
}

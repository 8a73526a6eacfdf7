import { graphqlEnum } from '@mrt/graphql-kit';

export const NOTIFICATION_KINDS = [
  'RELEASE_ANNOUNCED',
  'RELEASE_OUT_TODAY',
  'OFFER_ADDED',
  'PRICE_DROP',
  'PRICE_INCREASE',
  'BACK_IN_STOCK',
  'STOCK_CHANGED',
  'OFFER_REMOVED',
  'ADMIN_BROADCAST',
  'CHANNEL_PAUSED',
] as const;
/** Kinds a follow can ask for (a broadcast reaches everyone regardless of follows). */
export const FOLLOWABLE_KINDS = NOTIFICATION_KINDS.filter((kind) => kind !== 'ADMIN_BROADCAST' && kind !== 'CHANNEL_PAUSED');
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NotificationKind = graphqlEnum('NotificationKind', NOTIFICATION_KINDS, 'What a notification is about', {
  RELEASE_ANNOUNCED: 'A new release was announced',
  RELEASE_OUT_TODAY: 'A release comes out today',
  OFFER_ADDED: 'A shop started selling a release',
  PRICE_DROP: 'An offer became cheaper',
  PRICE_INCREASE: 'An offer became more expensive',
  BACK_IN_STOCK: 'A sold-out offer can be ordered again',
  STOCK_CHANGED: 'Any change of an offer’s stock (includes BACK_IN_STOCK)',
  OFFER_REMOVED: 'A shop stopped listing an offer',
  ADMIN_BROADCAST: 'A message from the operators to every fan',
  CHANNEL_PAUSED: 'One of your delivery channels (Discord, ntfy, a webhook, ...) kept failing and was paused',
});

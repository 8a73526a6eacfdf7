import { graphqlEnum } from '@mrt/graphql-kit';
import type { NotificationKind } from '../notification/notification-kind.js';

export const FOLLOW_TARGET_TYPES = ['BAND', 'LABEL', 'GENRE', 'RELEASE', 'DISTRIBUTOR'] as const;
export type FollowTargetType = (typeof FOLLOW_TARGET_TYPES)[number];

export const FollowTargetType = graphqlEnum('FollowTargetType', FOLLOW_TARGET_TYPES, 'What a follow watches', {
  BAND: 'A band (catalog Band id)',
  LABEL: 'A record label (catalog Label id)',
  GENRE: 'A genre (catalog Genre id)',
  RELEASE: 'One release (releases Release id): its offers’ prices and stock',
  DISTRIBUTOR: 'A shop (catalog Distributor id)',
});

/**
 * What a follow reports when the fan does not choose: news for bands, labels and genres;
 * price and stock for a watched release; new and restocked items for a shop.
 */
export const DEFAULT_FOLLOW_EVENTS: Record<FollowTargetType, readonly NotificationKind[]> = {
  BAND: ['RELEASE_ANNOUNCED', 'RELEASE_OUT_TODAY', 'OFFER_ADDED'],
  LABEL: ['RELEASE_ANNOUNCED', 'RELEASE_OUT_TODAY', 'OFFER_ADDED'],
  GENRE: ['RELEASE_ANNOUNCED', 'RELEASE_OUT_TODAY'],
  RELEASE: ['PRICE_DROP', 'BACK_IN_STOCK', 'OFFER_ADDED'],
  DISTRIBUTOR: ['OFFER_ADDED', 'BACK_IN_STOCK'],
};

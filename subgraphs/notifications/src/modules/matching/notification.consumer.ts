import type { DataSource, EntityManager } from 'typeorm';
import { LIVE_CHANNELS, type AnyEvent, type LivePubSub, type NotificationAddedMessage, type ReleaseFeedMessage } from '@mrt/events';
import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { Logger } from '@mrt/platform';
import type { ChannelChoice } from '../channel/notification-channel.store.js';
import { enqueueDeliveries } from '../delivery/delivery-fanout.js';
import type { FollowEntity } from '../follow/follow.entity.js';
import { ProjectionStore } from '../projection/projection.store.js';
import { CurrencyConverter } from '@mrt/money';
import { followMatches, targetsOf } from './follow-rules.js';
import { recordAndDescribe, type Occurrence, type OccurrenceRules } from './occurrence.js';

export const NOTIFICATION_EVENT_TYPES = [
  'release.announced',
  'release.out_today',
  'offer.added',
  'offer.price_changed',
  'offer.stock_changed',
  'offer.removed',
  'currency.rates.updated',
] as const;

export interface NotificationConsumerOptions {
  dataSource: DataSource;
  live?: LivePubSub;
  logger: Logger;
  rules: () => OccurrenceRules;
  /** Told after a commit created notifications (deliveries are due). */
  onNotified?: () => void;
}

/**
 * Consumes the releases' changes and delivery's rates (group `notifications`): updates the
 * projection, matches follows and writes one notification per (user, event) in the inbox
 * transaction; pushes live only after the commit.
 */
export function notificationConsumer(options: NotificationConsumerOptions): EventConsumerDefinition {
  return eventConsumer({
    group: 'notifications',
    types: NOTIFICATION_EVENT_TYPES,
    handle: async (event, manager) => {
      await handleEvent(event, manager, options.rules());
    },
    afterCommit: async (event) => {
      await publishAfterCommit(event.id, options);
    },
  });
}

// Same-currency comparisons only: enough for follows without a max price.
const NO_RATES = new CurrencyConverter(null, {});

export async function handleEvent(event: AnyEvent, manager: EntityManager, rules: OccurrenceRules): Promise<Occurrence | null> {
  const store = new ProjectionStore(manager);
  let rates: CurrencyConverter | undefined;
  const loadRates = async () => (rates ??= await store.rates());
  const occurrence = await recordAndDescribe(event, store, rules, loadRates);
  if (!occurrence) return null;
  await manager.query(
    `INSERT INTO release_feed_event (id, kind, release_id, offer_id, band_ids, genre_ids, format, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [occurrence.eventId, occurrence.kind, occurrence.releaseId, occurrence.offerId, occurrence.bandIds, occurrence.genreIds, occurrence.format, occurrence.occurredAt],
  );
  const targets = targetsOf(occurrence);
  const follows: (Pick<FollowEntity, 'events' | 'formats' | 'releaseTypes'> & { user_id: string; max_price_amount: string | null; max_price_currency: string | null; channel_ids: string[] | null })[] =
    await manager.query(
      `SELECT f.user_id, f.events, f.formats, f.release_types AS "releaseTypes", f.max_price_amount::text, f.max_price_currency, f.channel_ids
       FROM follow f JOIN unnest($1::text[], $2::uuid[]) AS t(target_type, target_id)
         ON f.target_type = t.target_type AND f.target_id = t.target_id`,
      [targets.map((t) => t.type), targets.map((t) => t.id)],
    );
  // Every matching follow counts for the channels: one fan's band follow may name Discord and
  // their label follow the defaults.
  const choices = new Map<string, ChannelChoice>();
  for (const follow of follows) {
    const needsRates = follow.max_price_amount !== null;
    const matches = followMatches(
      { ...follow, maxPriceAmount: follow.max_price_amount, maxPriceCurrency: follow.max_price_currency },
      occurrence,
      needsRates ? await loadRates() : NO_RATES,
    );
    if (!matches) continue;
    const choice = choices.get(follow.user_id) ?? { userId: follow.user_id, defaults: false, channelIds: [] };
    choices.set(follow.user_id, {
      userId: follow.user_id,
      defaults: choice.defaults || follow.channel_ids === null,
      channelIds: [...choice.channelIds, ...(follow.channel_ids ?? [])],
    });
  }
  const users = [...choices.keys()];
  if (users.length === 0) return occurrence;
  // The unique (user_id, event_id) index makes a redelivered event a no-op even past the inbox.
  await manager.query(
    `INSERT INTO notification (user_id, event_id, kind, title, message, release_id, offer_id, created_at)
     SELECT u, $2, $3, $4, $5, $6, $7, now() FROM unnest($1::uuid[]) AS u
     ON CONFLICT (user_id, event_id) DO NOTHING`,
    [users, occurrence.eventId, occurrence.kind, occurrence.title, occurrence.message, occurrence.releaseId, occurrence.offerId],
  );
  await enqueueDeliveries(manager, occurrence.eventId, choices);
  return occurrence;
}

/** Live pushes for what one event committed; lost pushes are acceptable (the feed has them all). */
export async function publishAfterCommit(eventId: string, options: Pick<NotificationConsumerOptions, 'dataSource' | 'live' | 'logger' | 'onNotified'>): Promise<void> {
  const notifications: { id: string; user_id: string }[] = await options.dataSource.query(`SELECT id, user_id FROM notification WHERE event_id = $1`, [eventId]);
  if (notifications.length > 0) options.onNotified?.();
  if (!options.live) return;
  try {
    for (const row of notifications) {
      await options.live.publish(LIVE_CHANNELS.notificationAdded, { id: row.id, userId: row.user_id } satisfies NotificationAddedMessage);
    }
    const feed: { id: string; kind: string; release_id: string; offer_id: string | null; band_ids: string[]; genre_ids: string[]; format: string | null }[] =
      await options.dataSource.query(`SELECT id, kind, release_id, offer_id, band_ids, genre_ids, format FROM release_feed_event WHERE id = $1`, [eventId]);
    for (const row of feed) {
      await options.live.publish(LIVE_CHANNELS.releaseFeed, {
        id: row.id,
        kind: row.kind,
        releaseId: row.release_id,
        offerId: row.offer_id,
        bandIds: row.band_ids,
        genreIds: row.genre_ids,
        format: row.format,
      } satisfies ReleaseFeedMessage);
    }
  } catch (error) {
    options.logger.warn({ err: error, eventId }, 'live push failed');
  }
}

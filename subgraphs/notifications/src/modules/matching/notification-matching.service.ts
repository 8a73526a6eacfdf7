import type { DataSource, EntityManager } from 'typeorm';
import { LIVE_CHANNELS, type LivePubSub, type NotificationAddedMessage, type ReleaseFeedMessage } from '@mrt/events';
import { CurrencyConverter } from '@mrt/money';
import type { Logger } from '@mrt/platform';
import type { ChannelChoice } from '../channel/notification-channel.store.js';
import { enqueueDeliveries } from '../delivery/delivery-fanout.js';
import { FollowStore } from '../follow/follow.store.js';
import { NotificationStore } from '../notification/notification.store.js';
import { CurrencyRateProjection } from '../projection/currency-rate.projection.js';
import { OfferProjection } from '../projection/offer.projection.js';
import { ReleaseProjection } from '../projection/release.projection.js';
import { ReleaseFeedStore } from '../release-feed/release-feed.store.js';
import { followMatches, targetsOf } from './follow-rules.js';
import { recordAndDescribe, type Occurrence, type OccurrenceRules, type ReleaseChangeEvent } from './occurrence.js';

export interface NotificationMatchingOptions {
  dataSource: DataSource;
  live?: LivePubSub;
  logger: Logger;
  rules: () => OccurrenceRules;
  /** Told after a commit created notifications (deliveries are due). */
  onNotified?: () => void;
}

// Same-currency comparisons only: enough for follows without a max price.
const NO_RATES = new CurrencyConverter(null, {});

/**
 * Turns the releases' changes into the public feed and fans' notifications: updates the
 * projections, matches follows and writes one notification per (user, event) with its deliveries
 * in the inbox transaction; pushes live only after the commit.
 */
export class NotificationMatchingService {
  constructor(private readonly options: NotificationMatchingOptions) {}

  /**
   * A batch of events, in stream order, in one transaction: each sees the projections, feed and
   * notifications the ones before it wrote, so the rows are those of one transaction per event.
   */
  async handleBatch(events: readonly ReleaseChangeEvent[], manager: EntityManager): Promise<void> {
    const rules = this.options.rules();
    for (const event of events) await this.handle(event, manager, rules);
  }

  async handle(event: ReleaseChangeEvent, manager: EntityManager, rules: OccurrenceRules = this.options.rules()): Promise<Occurrence | null> {
    let rates: CurrencyConverter | undefined;
    const loadRates = async () => (rates ??= await new CurrencyRateProjection(manager).converter());
    const occurrence = await recordAndDescribe(event, { releases: new ReleaseProjection(manager), offers: new OfferProjection(manager) }, rules, loadRates);
    if (!occurrence) return null;
    await new ReleaseFeedStore(manager).insert({
      id: occurrence.eventId,
      kind: occurrence.kind,
      releaseId: occurrence.releaseId,
      offerId: occurrence.offerId,
      bandIds: occurrence.bandIds,
      genreIds: occurrence.genreIds,
      format: occurrence.format,
      occurredAt: occurrence.occurredAt,
    });
    const choices = await this.channelChoices(manager, occurrence, loadRates);
    if (choices.size === 0) return occurrence;
    await new NotificationStore(manager).insertForUsers({
      userIds: [...choices.keys()],
      eventId: occurrence.eventId,
      kind: occurrence.kind,
      title: occurrence.title,
      message: occurrence.message,
      releaseId: occurrence.releaseId,
      offerId: occurrence.offerId,
    });
    await enqueueDeliveries(manager, occurrence.eventId, rules.now, choices);
    return occurrence;
  }

  /**
   * The fans whose follows let the occurrence through, with the channels they chose. Every
   * matching follow counts: one fan's band follow may name Discord and their label follow the defaults.
   */
  private async channelChoices(manager: EntityManager, occurrence: Occurrence, loadRates: () => Promise<CurrencyConverter>): Promise<Map<string, ChannelChoice>> {
    const choices = new Map<string, ChannelChoice>();
    for (const follow of await new FollowStore(manager).ofTargets(targetsOf(occurrence))) {
      const rates = follow.maxPriceAmount !== null ? await loadRates() : NO_RATES;
      if (!followMatches(follow, occurrence, rates)) continue;
      const choice = choices.get(follow.userId) ?? { userId: follow.userId, defaults: false, channelIds: [] };
      choices.set(follow.userId, {
        userId: follow.userId,
        defaults: choice.defaults || follow.channelIds === null,
        channelIds: [...choice.channelIds, ...(follow.channelIds ?? [])],
      });
    }
    return choices;
  }

  /** Live pushes for what one event committed; lost pushes are acceptable (the feed has them all). */
  async publishCommitted(eventId: string): Promise<void> {
    const { dataSource, live, logger, onNotified } = this.options;
    const notifications = await new NotificationStore(dataSource).ofEvent(eventId);
    if (notifications.length > 0) onNotified?.();
    if (!live) return;
    try {
      for (const notification of notifications) {
        await live.publish(LIVE_CHANNELS.notificationAdded, { id: notification.id, userId: notification.userId } satisfies NotificationAddedMessage);
      }
      for (const item of await new ReleaseFeedStore(dataSource).findByIds([eventId])) {
        await live.publish(LIVE_CHANNELS.releaseFeed, { id: item.id } satisfies ReleaseFeedMessage);
      }
    } catch (error) {
      logger.warn({ err: error, eventId }, 'live push failed');
    }
  }
}

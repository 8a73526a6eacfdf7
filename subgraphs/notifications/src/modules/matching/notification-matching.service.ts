import { groupRows } from '@mrt/graphql-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { LIVE_CHANNELS, type LiveMessage, type LivePubSub, type NotificationAddedMessage, type ReleaseFeedMessage } from '@mrt/events';
import { CurrencyConverter } from '@mrt/money';
import type { Logger } from '@mrt/platform';
import type { ChannelChoice } from '../channel/notification-channel.store.js';
import { enqueueDeliveriesOfEvents } from '../delivery/delivery-fanout.js';
import { FollowStore } from '../follow/follow.store.js';
import { NotificationStore, type NotificationKey } from '../notification/notification.store.js';
import { CurrencyRateProjection } from '../projection/currency-rate.projection.js';
import { ShippingRateProjection } from '../projection/shipping-rate.projection.js';
import { ReleaseFeedStore } from '../release-feed/release-feed.store.js';
import { judgeFollow, targetsOf, type DeliveredJudgement } from './follow-rules.js';
import { ProjectionBatch } from './projection-batch.js';
import { recordAndDescribe, type Occurrence, type OccurrenceRules, type ReleaseChangeEvent } from './occurrence.js';
import { describeShippingDrops, type ShippingChangeEvent } from './shipping-change.js';

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
/** Events whose writes are kept for their live pushes: a few batches' worth. */
const MAX_KEPT_WRITES = 5_000;

export class NotificationMatchingService {
  /** Events committed in this turn, awaiting their live pushes. */
  private committed: { eventIds: string[]; published: Promise<void> } | null = null;
  /** The occurrence ids each shipping change notified, awaiting their live pushes. */
  private readonly shippingOccurrences = new Map<string, string[]>();
  /**
   * What each event's transaction wrote (its notifications, whether it made a feed item), kept for
   * the live pushes once it committed: a batch notifies thousands of fans, and reading them back
   * after the commit cost as much again. Overwritten when a rolled-back event is handled again;
   * bounded, since one rolled back and then handled by another replica is never read here (an
   * entry dropped early is read back from the database instead).
   */
  private readonly written = new Map<string, { notifications: readonly NotificationKey[]; inFeed: boolean }>();

  constructor(private readonly options: NotificationMatchingOptions) {}

  async handle(event: ReleaseChangeEvent, manager: EntityManager, rules: OccurrenceRules = this.options.rules()): Promise<Occurrence | null> {
    return (await this.handleBatch([event], manager, rules))[0]!;
  }

  /**
   * A batch of events, in stream order, in one transaction. The projections are read with one
   * statement each and every event updates them in turn, seeing what the ones before it did, as
   * one transaction per event would (ProjectionBatch); the feed items, the follows, the
   * notifications and their deliveries are then read and written with one statement each for the
   * whole batch. Returns each event's occurrence (null when fans hear nothing of it).
   */
  async handleBatch(events: readonly ReleaseChangeEvent[], manager: EntityManager, rules: OccurrenceRules = this.options.rules()): Promise<(Occurrence | null)[]> {
    let rates: CurrencyConverter | undefined;
    const loadRates = async () => (rates ??= await new CurrencyRateProjection(manager).converter());
    const projections = await ProjectionBatch.load(
      manager,
      events.map((event) => event.data.releaseId),
      events.flatMap((event) => ('offerId' in event.data ? [event.data.offerId] : [])),
    );
    const occurrences: (Occurrence | null)[] = [];
    for (const event of events) occurrences.push(await recordAndDescribe(event, projections, rules, loadRates));
    await projections.write();
    const described = occurrences.filter((occurrence): occurrence is Occurrence => occurrence !== null);
    await new ReleaseFeedStore(manager).insertAll(
      described.map((occurrence) => ({
        id: occurrence.eventId,
        kind: occurrence.kind,
        releaseId: occurrence.releaseId,
        offerId: occurrence.offerId,
        bandIds: occurrence.bandIds,
        genreIds: occurrence.genreIds,
        format: occurrence.format,
        occurredAt: occurrence.occurredAt,
      })),
    );
    const notified = await this.notify(manager, described, loadRates, rules.now);
    const inFeed = new Set(described.map((occurrence) => occurrence.eventId));
    for (const event of events) this.keepWritten(event.id, { notifications: notified.get(event.id) ?? [], inFeed: inFeed.has(event.id) });
    return occurrences;
  }

  /**
   * A shop's new shipping table (delivery's shipping.table.updated): kept in this subgraph's copy,
   * and the release follows with a delivered-price condition that it brings under their limit
   * are told, as a PRICE_DROP of that offer (not in the public feed: it is news only against a
   * fan's own limit). Each offer's notification has its own id derived from the event's.
   */
  async handleShippingChange(event: ShippingChangeEvent, manager: EntityManager, now: Date = this.options.rules().now): Promise<Occurrence[]> {
    const rates = await new CurrencyRateProjection(manager).converter();
    const occurrences = await describeShippingDrops(event, manager);
    this.shippingOccurrences.set(event.id, occurrences.map((occurrence) => occurrence.eventId));
    const notified = await this.notify(manager, occurrences, async () => rates, now);
    for (const { eventId } of occurrences) this.keepWritten(eventId, { notifications: notified.get(eventId) ?? [], inFeed: false });
    return occurrences;
  }

  /** Live pushes for what a shipping change notified, once committed. */
  async publishShippingCommitted(eventId: string): Promise<void> {
    const ids = this.shippingOccurrences.get(eventId) ?? [];
    this.shippingOccurrences.delete(eventId);
    await Promise.all(ids.map((id) => this.publishCommitted(id)));
  }

  /** Notifications and their deliveries for the fans whose follows let these occurrences through; returns them by event. */
  private async notify(
    manager: EntityManager,
    occurrences: readonly Occurrence[],
    loadRates: () => Promise<CurrencyConverter>,
    now: Date,
  ): Promise<Map<string, NotificationKey[]>> {
    const notified = await this.channelChoices(manager, occurrences, loadRates);
    const written = await new NotificationStore(manager).insertForEvents(
      notified.map(({ occurrence, choices, delivered }) => ({
        userIds: [...choices.keys()],
        eventId: occurrence.eventId,
        kind: occurrence.kind,
        title: occurrence.title,
        message: occurrence.message,
        releaseId: occurrence.releaseId,
        offerId: occurrence.offerId,
        delivered,
      })),
    );
    const writtenOf = groupRows(written, (notification) => notification.eventId);
    await enqueueDeliveriesOfEvents(
      manager,
      now,
      notified.map(({ occurrence, choices }) => ({ notifications: writtenOf.get(occurrence.eventId) ?? [], choices })),
    );
    return writtenOf;
  }

  /**
   * The occurrences some fan hears of, with the fans whose follows let each through and the
   * channels they chose. Every matching follow counts: one fan's band follow may name Discord and
   * their label follow the defaults. The follows of the whole batch are read at once.
   */
  private async channelChoices(
    manager: EntityManager,
    occurrences: readonly Occurrence[],
    loadRates: () => Promise<CurrencyConverter>,
  ): Promise<{ occurrence: Occurrence; choices: Map<string, ChannelChoice>; delivered: Map<string, DeliveredJudgement> }[]> {
    const targetKey = (target: { type: string; id: string }) => `${target.type}:${target.id}`;
    const targets = new Map(occurrences.flatMap(targetsOf).map((target) => [targetKey(target), target]));
    const followsOf = groupRows(await new FollowStore(manager).ofTargets([...targets.values()]), (follow) => targetKey({ type: follow.targetType, id: follow.targetId }));
    const followsOfOccurrence = (occurrence: Occurrence) => targetsOf(occurrence).flatMap((target) => followsOf.get(targetKey(target)) ?? []);
    // The shipping rules every delivered-price condition of the batch needs, read at once.
    const shipping = await new ShippingRateProjection(manager).rulesFor(
      occurrences.flatMap((occurrence) =>
        occurrence.distributorId ? followsOfOccurrence(occurrence).flatMap((follow) => (follow.deliveredCountry ? [{ distributorId: occurrence.distributorId!, country: follow.deliveredCountry }] : [])) : [],
      ),
    );
    const notified: { occurrence: Occurrence; choices: Map<string, ChannelChoice>; delivered: Map<string, DeliveredJudgement> }[] = [];
    for (const occurrence of occurrences) {
      const choices = new Map<string, ChannelChoice>();
      const delivered = new Map<string, DeliveredJudgement>();
      for (const follow of followsOfOccurrence(occurrence)) {
        const rates = follow.maxPriceAmount !== null || follow.maxDeliveredAmount !== null ? await loadRates() : NO_RATES;
        const verdict = judgeFollow(follow, occurrence, rates, shipping);
        if (!verdict.matches) continue;
        if (verdict.delivered && !delivered.has(follow.userId)) delivered.set(follow.userId, verdict.delivered);
        const choice = choices.get(follow.userId) ?? { userId: follow.userId, defaults: false, channelIds: [] };
        choices.set(follow.userId, {
          userId: follow.userId,
          defaults: choice.defaults || follow.channelIds === null,
          channelIds: [...choice.channelIds, ...(follow.channelIds ?? [])],
        });
      }
      if (choices.size > 0) notified.push({ occurrence, choices, delivered });
    }
    return notified;
  }

  /**
   * Live pushes for what one event committed; lost pushes are acceptable (the feed has them all).
   * The events of a batch commit together and are told here one after the other in one turn: they
   * are gathered and read with one query per table.
   */
  publishCommitted(eventId: string): Promise<void> {
    if (!this.committed) {
      const eventIds: string[] = [];
      const published = new Promise<void>((resolve) =>
        queueMicrotask(() => {
          this.committed = null;
          resolve(this.publish(eventIds));
        }),
      );
      this.committed = { eventIds, published };
    }
    this.committed.eventIds.push(eventId);
    return this.committed.published;
  }

  private async publish(eventIds: readonly string[]): Promise<void> {
    const { live, logger, onNotified } = this.options;
    try {
      const { notifications, feedItems } = await this.committedWrites(eventIds);
      if (notifications.size > 0) onNotified?.();
      if (!live) return;
      // One write for the batch: it may notify thousands of fans, and a write (and reply) per push
      // held the process for as many.
      const pushes: LiveMessage[] = [];
      for (const eventId of eventIds) {
        for (const notification of notifications.get(eventId) ?? []) {
          pushes.push({ channel: LIVE_CHANNELS.notificationAdded, message: { id: notification.id, userId: notification.userId } satisfies NotificationAddedMessage });
        }
        if (feedItems.has(eventId)) pushes.push({ channel: LIVE_CHANNELS.releaseFeed, message: { id: eventId } satisfies ReleaseFeedMessage });
      }
      await live.publishAll(pushes);
    } catch (error) {
      logger.warn({ err: error, eventIds }, 'live push failed');
    }
  }

  private keepWritten(eventId: string, writes: { notifications: readonly NotificationKey[]; inFeed: boolean }): void {
    this.written.delete(eventId);
    this.written.set(eventId, writes);
    // Map order is insertion order: the first key is the oldest kept.
    while (this.written.size > MAX_KEPT_WRITES) this.written.delete(this.written.keys().next().value!);
  }

  /** What these committed events wrote: kept from their transaction, read for any this process did not keep. */
  private async committedWrites(eventIds: readonly string[]): Promise<{ notifications: Map<string, readonly NotificationKey[]>; feedItems: Set<string> }> {
    const notifications = new Map<string, readonly NotificationKey[]>();
    const feedItems = new Set<string>();
    const unknown: string[] = [];
    for (const eventId of eventIds) {
      const kept = this.written.get(eventId);
      this.written.delete(eventId);
      if (!kept) {
        unknown.push(eventId);
        continue;
      }
      if (kept.notifications.length > 0) notifications.set(eventId, kept.notifications);
      if (kept.inFeed) feedItems.add(eventId);
    }
    if (unknown.length > 0) {
      const { dataSource } = this.options;
      for (const [eventId, rows] of await new NotificationStore(dataSource).ofEvents(unknown)) notifications.set(eventId, rows);
      for (const item of await new ReleaseFeedStore(dataSource).findByIds(unknown)) feedItems.add(item.id);
    }
    return { notifications, feedItems };
  }
}

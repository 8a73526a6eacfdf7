import type { DataSource, EntityManager } from 'typeorm';
import { backoffDelayMs } from '@mrt/events';
import type { Logger } from '@mrt/platform';
import { normalizeDecimal } from '@mrt/money';
import type { NotificationEntity } from '../notification/notification.entity.js';
import { OfferProjection, type OfferFacts } from '../projection/offer.projection.js';
import type { ChannelSender, DeliveryMessage, Destination, SendOutcome } from './channel-sender.js';
import type { DeliveryMetrics, DeliveryOutcome } from './delivery-metrics.js';
import { NotificationDeliveryStore, type ClaimedDelivery } from './notification-delivery.store.js';

export interface PausedNotice {
  userId: string;
  title: string;
  message: string;
}

export interface DeliveryDispatcherOptions {
  dataSource: DataSource;
  logger: Logger;
  senders: readonly ChannelSender[];
  /** How long a claim holds a row; longer than any send may take, or a slow send is given up. */
  leaseMs: number;
  /** The notifications being delivered (only their content is read). */
  loadNotifications: (ids: readonly string[]) => Promise<NotificationEntity[]>;
  /** Tells the fan in the app that a destination was paused, in the same transaction as the pause. */
  notifyPaused: (manager: EntityManager, notice: PausedNotice) => Promise<string>;
  /** After the pause committed: the notice's live push. */
  noticeCommitted?: (notificationId: string, userId: string) => Promise<void>;
  /** Where a notification is read in the web app. */
  linkOf: (notification: NotificationEntity) => string;
  /** Longest sleep between polls when nothing wakes it. */
  pollMs?: number;
  batchSize?: number;
  /** Counts each attempt's outcome per channel. */
  metrics?: DeliveryMetrics;
}

/**
 * Sends every channel's deliveries from the one notification_delivery queue: claims due rows
 * (SKIP LOCKED, marked SENDING under a lease before the call), asks the channel's sender, and
 * records the outcome only while it still holds the claim. Failures retry with backoff and jitter
 * (never sooner than the provider's Retry-After); a delivery failing every attempt counts against
 * its destination, which is paused after too many in a row, and the fan is told in the app.
 */
export class DeliveryDispatcher {
  private readonly senders: Map<string, ChannelSender>;
  private readonly store: NotificationDeliveryStore;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;

  constructor(private readonly options: DeliveryDispatcherOptions) {
    this.senders = new Map(options.senders.map((sender) => [sender.channel, sender]));
    this.store = new NotificationDeliveryStore(options.dataSource);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New deliveries were committed: send now instead of at the next poll. */
  notify(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One pass over what is due; returns how many deliveries were taken. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    await this.process(claimed);
    return claimed.length;
  }

  /** Takes due deliveries for this worker (exposed so a worker dying right after it can be simulated). */
  claim(): Promise<ClaimedDelivery[]> {
    return this.store.claim(this.options.batchSize ?? 20, this.options.leaseMs, [...this.senders.keys()]);
  }

  async process(claimed: readonly ClaimedDelivery[]): Promise<void> {
    if (claimed.length === 0) return;
    const notifications = new Map((await this.options.loadNotifications([...new Set(claimed.map((d) => d.notificationId))])).map((n) => [n.id, n]));
    const offers = await this.offersOf([...notifications.values()]);
    await Promise.all(
      claimed.map((delivery) =>
        this.attempt(delivery, notifications.get(delivery.notificationId), offers).catch((error: unknown) =>
          this.options.logger.warn({ err: error, deliveryId: delivery.id, channel: delivery.channel }, 'delivery crashed'),
        ),
      ),
    );
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pendingWake = false;
      let taken = 0;
      try {
        taken = await this.runOnce();
      } catch (error) {
        this.options.logger.warn({ err: error }, 'delivery dispatch failed');
      }
      if (!this.running) break;
      if (taken > 0 || this.pendingWake) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 1_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** The offers the batch's notifications are about, from the local projection (one lookup each). */
  private async offersOf(notifications: NotificationEntity[]): Promise<Map<string, OfferFacts>> {
    const projection = new OfferProjection(this.options.dataSource);
    const ids = [...new Set(notifications.flatMap((n) => (n.offerId ? [n.offerId] : [])))];
    const facts = await Promise.all(ids.map((id) => projection.facts(id)));
    return new Map(facts.flatMap((offer) => (offer ? [[offer.offerId, offer] as const] : [])));
  }

  private async attempt(delivery: ClaimedDelivery, notification: NotificationEntity | undefined, offers: Map<string, OfferFacts>): Promise<void> {
    const outcome = await this.deliver(delivery, notification, offers);
    this.options.metrics?.attempted(delivery.channel, outcome);
  }

  private async deliver(delivery: ClaimedDelivery, notification: NotificationEntity | undefined, offers: Map<string, OfferFacts>): Promise<DeliveryOutcome> {
    const attempts = delivery.attempts + 1;
    const sender = this.senders.get(delivery.channel);
    if (!sender) {
      await this.store.finish(delivery, 'FAILED', { attempts: delivery.attempts, errorCode: 'CHANNEL_UNAVAILABLE', error: `${delivery.channel} is not configured here` });
      return 'failed';
    }
    // An earlier worker claimed it and vanished: it may have sent already, so only a channel whose
    // receiver drops repeats by key gets it again.
    if (delivery.previousStatus === 'SENDING' && !sender.idempotent) {
      await this.store.finish(delivery, 'FAILED', { attempts: delivery.attempts, errorCode: 'INTERRUPTED', error: 'the sending worker stopped; not repeated, it may have been delivered' });
      return 'failed';
    }
    const destination = (await sender.destinations.loadActive(this.options.dataSource, [delivery.destinationId])).get(delivery.destinationId);
    if (!notification || !destination) {
      await this.store.finish(delivery, 'FAILED', { attempts: delivery.attempts, errorCode: 'DESTINATION_INACTIVE', error: 'paused or removed before sending' });
      return 'failed';
    }
    const outcome = await sender.send(destination, this.messageOf(notification, notification.offerId ? offers.get(notification.offerId) : undefined), delivery);
    return this.record(sender, destination, delivery, attempts, outcome);
  }

  private messageOf(notification: NotificationEntity, offer: OfferFacts | undefined): DeliveryMessage {
    return {
      notificationId: notification.id,
      userId: notification.userId,
      kind: notification.kind,
      title: notification.title,
      message: notification.message,
      releaseId: notification.releaseId,
      offerId: notification.offerId,
      createdAt: notification.createdAt,
      link: this.options.linkOf(notification),
      offer: offer ? { format: offer.format, price: offer.price ? { amount: displayAmount(offer.price.amount), currency: offer.price.currency } : null } : null,
    };
  }

  private async record(sender: ChannelSender, destination: Destination, delivery: ClaimedDelivery, attempts: number, outcome: SendOutcome): Promise<DeliveryOutcome> {
    const { dataSource, logger } = this.options;
    if (outcome.delivered) {
      await dataSource.transaction(async (manager) => {
        const record = { attempts, statusCode: outcome.statusCode ?? null, providerMessageId: outcome.providerMessageId ?? null };
        if (await new NotificationDeliveryStore(manager).finish(delivery, 'DELIVERED', record)) await sender.destinations.recordSuccess(manager, destination.id);
      });
      return 'sent';
    }
    const record = { attempts, statusCode: outcome.statusCode ?? null, errorCode: outcome.errorCode, error: outcome.error };
    const repeatable = !outcome.uncertain || sender.idempotent;
    if (outcome.removeDestination && sender.destinations.remove) {
      await dataSource.transaction(async (manager) => {
        if (await new NotificationDeliveryStore(manager).finish(delivery, 'FAILED', record)) await sender.destinations.remove!(manager, destination.id);
      });
      logger.info({ channel: sender.channel, destinationId: destination.id }, 'destination removed itself');
      return 'failed';
    }
    if (!outcome.pauseDestination && outcome.retryable && repeatable && attempts < sender.policy.maxAttempts) {
      const backoff = backoffDelayMs(attempts, { initialMs: sender.policy.retryInitialMs, maxMs: 3_600_000, factor: 2, jitter: 0.2 });
      await this.store.retryLater(delivery, record, Math.max(backoff, outcome.retryAfterMs ?? 0));
      return 'retried';
    }
    const noticeId = await dataSource.transaction(async (manager) => {
      if (!(await new NotificationDeliveryStore(manager).finish(delivery, 'FAILED', record))) return null;
      const pausedNow = outcome.pauseDestination
        ? await sender.destinations.pause(manager, destination.id, outcome.errorCode)
        : await sender.destinations.recordFailure(manager, destination.id, sender.policy.pauseAfterFailures, outcome.errorCode);
      if (!pausedNow) return null;
      await new NotificationDeliveryStore(manager).skipPending(sender.channel, destination.id, 'DESTINATION_PAUSED');
      return this.options.notifyPaused(manager, {
        userId: destination.userId,
        title: `${destination.label} paused`,
        message: outcome.pauseDestination
          ? `${destination.label} stopped accepting notifications (${outcome.error}), so we paused it. Fix it and turn it back on to receive notifications there again.`
          : `Notifications to ${destination.label} failed ${sender.policy.pauseAfterFailures} times in a row (last: ${outcome.error}), so we paused it. Turn it back on once it works again.`,
      });
    });
    logger.info({ channel: sender.channel, destinationId: destination.id, deliveryId: delivery.id, error: outcome.error, paused: noticeId !== null }, 'delivery failed');
    if (noticeId) await this.options.noticeCommitted?.(noticeId, destination.userId).catch(() => undefined);
    return 'failed';
  }
}

/** "27.500000" reads "27.50", "30.000000" reads "30": how a price is written, not how it is stored. */
export function displayAmount(value: string): string {
  const trimmed = normalizeDecimal(value);
  const [whole, fraction] = trimmed.split('.');
  return fraction === undefined ? trimmed : `${whole}.${fraction.padEnd(2, '0')}`;
}

import type { EntityManager } from 'typeorm';
import { backoffDelayMs } from '@mrt/events';
import type { Logger } from '@mrt/platform';
import { quietHoursEnd } from '../../domain/quiet-hours.js';
import type { ChannelSender, Destination, SendOutcome } from './channel-sender.js';
import { loadDeliveryContent, type ContentSources, type DeliveryContent } from './delivery-content.js';
import type { DeliveryMetrics, DeliveryOutcome } from './delivery-metrics.js';
import { NotificationDeliveryStore, type ClaimedDelivery } from './notification-delivery.store.js';
import { LocalSendRateLimiter, type SendRateLimiter } from './send-rate-limiter.js';

export interface PausedNotice {
  userId: string;
  title: string;
  message: string;
}

export interface DeliveryDispatcherOptions extends ContentSources {
  logger: Logger;
  senders: readonly ChannelSender[];
  /** How long a claim holds a row; longer than any send may take, or a slow send is given up. */
  leaseMs: number;
  /** Tells the fan in the app that a destination was paused, in the same transaction as the pause. */
  notifyPaused: (manager: EntityManager, notice: PausedNotice) => Promise<string>;
  /** After the pause committed: the notice's live push. */
  noticeCommitted?: (notificationId: string, userId: string) => Promise<void>;
  /** What time it is: what is due, quiet hours, backoff (specs move it instead of waiting). */
  clock?: () => Date;
  /** Longest sleep between polls when nothing wakes it. */
  pollMs?: number;
  batchSize?: number;
  /** Counts each attempt's outcome per channel. */
  metrics?: DeliveryMetrics;
  /** The providers' buckets: shared by every worker through Redis, or this worker's own (the default). */
  rateLimiter?: SendRateLimiter;
}

/**
 * Sends every channel's deliveries from the one notification_delivery queue: claims due rows
 * (SKIP LOCKED, marked SENDING under a lease before the call), asks the channel's sender, and
 * records the outcome only while it still holds the claim. Failures retry with backoff and jitter
 * (never sooner than the provider's Retry-After); a delivery failing every attempt counts against
 * its destination, which is paused after too many in a row, and the fan is told in the app.
 * A digest is one row of the same queue, claimed and fenced the same way, whose outcome its items
 * share; a fan's own channel waits while the fan's quiet hours last.
 */
export class DeliveryDispatcher {
  private readonly senders: Map<string, ChannelSender>;
  private readonly store: NotificationDeliveryStore;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private readonly limiter: SendRateLimiter;
  /** The soonest a send held back by a rate limit may go: the loop wakes then rather than a whole poll later. */
  private limitedWaitMs: number | undefined;

  constructor(private readonly options: DeliveryDispatcherOptions) {
    this.senders = new Map(options.senders.map((sender) => [sender.channel, sender]));
    this.store = new NotificationDeliveryStore(options.dataSource);
    this.limiter = options.rateLimiter ?? new LocalSendRateLimiter();
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
    return this.store.claim(this.options.batchSize ?? 20, this.options.leaseMs, [...this.senders.keys()], this.now());
  }

  async process(claimed: readonly ClaimedDelivery[]): Promise<void> {
    if (claimed.length === 0) return;
    const contents = await loadDeliveryContent(this.options, claimed);
    await Promise.all(
      claimed.map((delivery) =>
        this.attempt(delivery, contents.get(delivery.id) ?? { kind: 'missing' }).catch((error: unknown) =>
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
      const sleepMs = Math.min(this.options.pollMs ?? 1_000, this.limitedWaitMs ?? Infinity);
      this.limitedWaitMs = undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, sleepMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private async attempt(delivery: ClaimedDelivery, content: DeliveryContent): Promise<void> {
    const outcome = await this.deliver(delivery, content);
    if (outcome) this.options.metrics?.attempted(delivery.channel, outcome);
  }

  /** How the attempt ended; null when quiet hours or a rate limit hold the message back, which is no attempt. */
  private async deliver(delivery: ClaimedDelivery, content: DeliveryContent): Promise<DeliveryOutcome | null> {
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
    if (content.kind === 'missing' || !destination) {
      await this.store.finish(delivery, 'FAILED', { attempts: delivery.attempts, errorCode: 'DESTINATION_INACTIVE', error: 'paused or removed before sending' });
      return 'failed';
    }
    const { quietHours, timeZone } = content.preferences;
    const quietUntil = sender.waitsForQuietHours && quietHours ? quietHoursEnd(this.now(), { timeZone, ...quietHours }) : null;
    if (quietUntil) {
      await this.store.postpone(delivery, quietUntil, 'QUIET_HOURS');
      return null;
    }
    // Over a provider's limit the send waits its turn instead of provoking a 429; no attempt either.
    const now = this.now().getTime();
    const waitMs = await this.limiter.take(sender.rateBuckets?.(destination) ?? [], now);
    if (waitMs > 0) {
      await this.store.postpone(delivery, new Date(now + waitMs), 'RATE_LIMIT');
      this.limitedWaitMs = Math.min(this.limitedWaitMs ?? Infinity, waitMs);
      return null;
    }
    const outcome =
      content.kind === 'single'
        ? await sender.send(destination, content.message, delivery)
        : sender.sendDigest
          ? await sender.sendDigest(destination, content.digest, delivery)
          : ({ delivered: false, errorCode: 'DIGEST_UNSUPPORTED', error: `${sender.channel} sends no digests`, retryable: false } as const);
    return this.record(sender, destination, delivery, attempts, outcome);
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
      await this.store.retryLater(delivery, record, Math.max(backoff, outcome.retryAfterMs ?? 0), this.now());
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

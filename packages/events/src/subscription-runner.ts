import { backoffDelayMs, type BackoffOptions } from './backoff.js';
import { parseEnvelope, validateEnvelope } from './create-event.js';
import type { AnyEvent } from './envelope.js';
import type { HandlerContext } from './event-bus.js';
import { isEventType, type EventType } from './event-schemas.js';
import { errorMessage, type EventLogger } from './logger.js';
import type { EventMetrics } from './metrics.js';
import type { ResolvedSubscription } from './subscription-options.js';
import type { DeadLetterFailure, InboundMessage, SubscriptionTransport } from './subscription-transport.js';
import { WakeableSleep } from './wakeable-sleep.js';

/**
 * The consuming half shared by RedisStreamsBus and InProcessBus: validation, routing, subject
 * lanes, batches, retries with backoff and dead-lettering live here once, so both buses behave
 * the same and only differ in how messages are fetched, acknowledged and stored (the transport).
 *
 * Batches: a lane hands its handler up to `batchSize` queued events at once (a per-event handler
 * has batchSize 1). A batch that fails is split in halves, each handled in turn, down to single
 * events, which retry with backoff and are dead-lettered alone; so one poison event never takes
 * the rest of its batch with it, and the events before it in a subject still go first.
 */

interface LaneItem {
  message: InboundMessage;
  event: AnyEvent;
}

interface Lane {
  queue: LaneItem[];
  running: Promise<void> | null;
}

/** Backoff for a transport that fails to fetch (e.g. Redis unreachable): retry soon, then calm down. */
const FETCH_ERROR_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 5_000, factor: 2, jitter: 0.5 };

export class SubscriptionRunner {
  private stopping = false;
  private stopped: Promise<void> | null = null;
  private readLoop: Promise<void> | null = null;
  private keepAliveTimer: NodeJS.Timeout | null = null;
  private roomWaiter: (() => void) | null = null;
  private readonly buffered = new Set<InboundMessage>();
  private readonly chores = new Set<Promise<void>>();
  private readonly lanes: Lane[];
  private readonly sleeper = new WakeableSleep();

  constructor(
    private readonly transport: SubscriptionTransport,
    private readonly subscription: ResolvedSubscription,
    private readonly metrics: EventMetrics,
    private readonly logger: EventLogger,
  ) {
    this.lanes = Array.from({ length: subscription.concurrency }, () => ({ queue: [], running: null }));
  }

  start(): void {
    this.readLoop = this.read();
    const interval = this.transport.keepAliveIntervalMs;
    if (this.transport.keepAlive && interval && interval > 0) {
      this.keepAliveTimer = setInterval(() => {
        if (this.buffered.size === 0) return;
        this.transport.keepAlive?.([...this.buffered]).catch((error: unknown) => {
          this.logger.warn({ group: this.subscription.group, err: errorMessage(error) }, 'event bus: keep-alive failed');
        });
      }, interval);
      this.keepAliveTimer.unref();
    }
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.sleeper.wakeAll();
    this.roomWaiter?.();
    await this.transport.interrupt().catch(() => {});
    await this.readLoop;
    // Lanes finish the batch or attempt in progress, then hand their unstarted events back (see drainLane).
    await Promise.all(this.lanes.map((lane) => lane.running));
    await Promise.all([...this.chores]);
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    await this.transport.close();
  }

  private async read(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const room = this.subscription.prefetch - this.buffered.size;
      if (room <= 0) {
        await new Promise<void>((resolve) => (this.roomWaiter = resolve));
        this.roomWaiter = null;
        continue;
      }
      let messages: InboundMessage[];
      try {
        messages = await this.transport.fetch(room);
        failures = 0;
        messages = await this.withWaiting(messages, room);
      } catch (error) {
        if (this.stopping) break;
        failures += 1;
        this.logger.warn(
          { group: this.subscription.group, err: errorMessage(error), failures },
          'event bus: fetching events failed; retrying',
        );
        await this.sleeper.sleep(backoffDelayMs(failures, FETCH_ERROR_BACKOFF));
        continue;
      }
      this.dispatch(messages);
    }
  }

  /**
   * Adds what is already waiting behind a read that came back short, before any lane starts: a
   * read woken by the first entry of a burst would otherwise start a batch of one, and every
   * batch costs its consumer a transaction and the next stage a publish of its own. Stops at the
   * first read that finds nothing (or a full read-ahead); a failing one keeps what was read.
   */
  private async withWaiting(messages: InboundMessage[], room: number): Promise<InboundMessage[]> {
    const { fetchWaiting } = this.transport;
    if (!fetchWaiting || messages.length === 0) return messages;
    let all = messages;
    while (all.length < room && !this.stopping) {
      let more: InboundMessage[];
      try {
        more = await fetchWaiting.call(this.transport, room - all.length);
      } catch {
        break;
      }
      if (more.length === 0) break;
      all = all.concat(more);
    }
    return all;
  }

  private dispatch(messages: readonly InboundMessage[]): void {
    const notOurs: InboundMessage[] = [];
    for (const message of messages) {
      this.buffered.add(message);
      if (this.stopping) {
        this.chore([message], () => this.transport.release([{ message, attemptsMade: 0 }]));
        continue;
      }
      const item = this.admit(message);
      if (item === 'not ours') {
        notOurs.push(message);
        continue;
      }
      if (item === null) continue;
      this.lanes[subjectHash(item.event.subject) % this.lanes.length]!.queue.push(item);
    }
    // Started after the whole read is queued, so the first batch takes all of it that fits.
    for (const lane of this.lanes) if (lane.queue.length > 0) lane.running ??= this.drainLane(lane);
    // Not this group's business: acknowledged together so they do not linger in the group's pending list.
    if (notOurs.length > 0) this.chore(notOurs, () => this.ack(notOurs));
  }

  /** The event to queue; null when the message was dead-lettered instead, "not ours" to just acknowledge. */
  private admit(message: InboundMessage): LaneItem | 'not ours' | null {
    const { group, types, maxAttempts } = this.subscription;
    if ((message.targetGroup !== null && message.targetGroup !== group) || this.notOurType(message.type)) return 'not ours';
    const envelope = parseEnvelope(message.payload);
    if (!envelope.ok) {
      const { error } = envelope;
      this.chore([message], () => this.deadLetter(message, { error: error.message, attempts: 0, eventId: error.eventId, type: error.type }));
      return null;
    }
    const { type } = envelope.envelope;
    if ((message.targetGroup !== null && message.targetGroup !== group) || !types.has(type as EventType)) return 'not ours';
    const validated = validateEnvelope(envelope.envelope);
    if (!validated.ok) {
      const { error } = validated;
      this.chore([message], () => this.deadLetter(message, { error: error.message, attempts: 0, eventId: error.eventId, type }));
      return null;
    }
    const event = validated.event;
    if (message.previousAttempts >= maxAttempts) {
      // Consumers kept dying (or being stopped) while handling it: treat it as poison too.
      const error = `gave up after ${message.previousAttempts} deliveries that never completed (consumer crashed or stopped while handling)`;
      this.chore([message], () => this.deadLetter(message, { error, attempts: message.previousAttempts, eventId: event.id, type }));
      return null;
    }
    return { message, event };
  }

  /**
   * A known type this group does not handle, as the transport stored it beside the payload: a
   * group reading a busy stream for one rare type (raw-data on catalog.listings) need not parse
   * every other event. An unknown or missing type is parsed and judged as before.
   */
  private notOurType(type: string | null | undefined): boolean {
    return typeof type === 'string' && isEventType(type) && !this.subscription.types.has(type);
  }

  private async drainLane(lane: Lane): Promise<void> {
    while (lane.queue.length > 0) {
      if (this.stopping) {
        const unstarted = lane.queue.splice(0);
        await this.release(unstarted);
        for (const item of unstarted) this.finish(item.message);
        break;
      }
      const batch = lane.queue.splice(0, this.nextBatchLength(lane.queue));
      await this.handleBatch(batch);
      for (const item of batch) this.finish(item.message);
    }
    lane.running = null;
  }

  /**
   * How many of the queue's leading events go into the next batch. An event that was delivered
   * before without completing may be what crashed that consumer (a kill -9 leaves no error to
   * split on), so it runs alone: it cannot take a batch of innocent events down with it again.
   */
  private nextBatchLength(queue: readonly LaneItem[]): number {
    const limit = Math.min(queue.length, this.subscription.batchSize);
    if (queue[0]!.message.previousAttempts > 0) return 1;
    let length = 1;
    while (length < limit && queue[length]!.message.previousAttempts === 0) length += 1;
    return length;
  }

  private async handleBatch(items: LaneItem[]): Promise<void> {
    if (this.stopping) {
      // Left over from splitting a failed batch while stopping: never started, so given back.
      await this.release(items);
      return;
    }
    if (items.length === 1) {
      await this.process(items[0]!);
      return;
    }
    const { group, handler } = this.subscription;
    const started = performance.now();
    try {
      await handler(items.map((item) => ({ event: item.event, ctx: this.contextOf(item, item.message.previousAttempts + 1) })));
    } catch (error) {
      // Nothing of a failed batch took effect (its transaction rolled back), so the halves start afresh.
      this.logger.warn({ group, events: items.length, err: errorMessage(error) }, 'event bus: batch failed; handling its halves separately');
      const middle = Math.ceil(items.length / 2);
      await this.handleBatch(items.slice(0, middle));
      await this.handleBatch(items.slice(middle));
      return;
    }
    const perEventMs = (performance.now() - started) / items.length;
    for (const item of items) this.metrics.handled(group, item.event.type, perEventMs);
    this.ackAside(items.map((item) => item.message));
  }

  /** One event on its own: retried with backoff, dead-lettered after maxAttempts. */
  private async process(item: LaneItem): Promise<void> {
    const { message, event } = item;
    const { group, handler, maxAttempts, backoff } = this.subscription;
    let attempt = message.previousAttempts + 1;
    for (;;) {
      const started = performance.now();
      try {
        await handler([{ event, ctx: this.contextOf(item, attempt) }]);
      } catch (error) {
        this.metrics.failed(group, event.type);
        const reason = errorMessage(error);
        const logContext = { group, eventId: event.id, type: event.type, subject: event.subject, attempt, err: reason };
        if (attempt >= maxAttempts) {
          this.logger.error(logContext, 'event bus: handler failed for the last time; dead-lettering the event');
          await this.deadLetter(message, { error: reason, attempts: attempt, eventId: event.id, type: event.type });
          return;
        }
        this.metrics.retried(group, event.type);
        const delayMs = backoffDelayMs(attempt, backoff);
        this.logger.warn({ ...logContext, delayMs }, 'event bus: handler failed; retrying after backoff');
        // The event keeps its lane while it waits, which is what keeps later events of its subject behind it.
        const waitedFully = await this.sleeper.sleep(delayMs);
        if (!waitedFully && this.stopping) {
          await this.transport
            .release([{ message, attemptsMade: attempt - message.previousAttempts }])
            .catch((releaseError: unknown) => this.logger.warn({ err: errorMessage(releaseError) }, 'event bus: release failed'));
          return;
        }
        attempt += 1;
        continue;
      }
      this.metrics.handled(group, event.type, performance.now() - started);
      this.ackAside([message]);
      return;
    }
  }

  private contextOf({ message, event }: LaneItem, attempt: number): HandlerContext {
    return { attempt, traceparent: event.traceparent, group: this.subscription.group, stream: message.stream, deliveryId: message.deliveryId };
  }

  /**
   * Acknowledges handled events beside the lane, which goes on to its next batch meanwhile: the
   * commit is what counts (an entry whose XACK is lost comes back and the inbox absorbs it), so
   * the next batch need not wait a Redis round trip for it. Stopping waits for it.
   */
  private ackAside(messages: readonly InboundMessage[]): void {
    this.chore(messages, () => this.ack(messages));
  }

  private async ack(messages: readonly InboundMessage[]): Promise<void> {
    try {
      await this.transport.ack(messages);
    } catch (error) {
      // Not fatal: the entries stay pending, are redelivered after the visibility timeout and the
      // consumer's inbox turns the redelivery into a no-op.
      const deliveryIds = messages.map((message) => message.deliveryId);
      this.logger.warn({ group: this.subscription.group, deliveryIds, err: errorMessage(error) }, 'event bus: ack failed');
    }
  }

  private async release(items: readonly LaneItem[]): Promise<void> {
    await this.transport
      .release(items.map((item) => ({ message: item.message, attemptsMade: 0 })))
      .catch((error: unknown) => this.logger.warn({ err: errorMessage(error) }, 'event bus: release failed'));
  }

  private async deadLetter(message: InboundMessage, failure: DeadLetterFailure): Promise<void> {
    const { group } = this.subscription;
    try {
      await this.transport.deadLetter(message, failure);
      this.metrics.deadLettered(group, failure.type ?? 'unknown');
      this.logger.error(
        { group, stream: message.stream, deliveryId: message.deliveryId, eventId: failure.eventId, type: failure.type, attempts: failure.attempts, err: failure.error },
        'event bus: event dead-lettered',
      );
    } catch (error) {
      // Left pending: it comes back after the visibility timeout and is dead-lettered then.
      this.logger.error({ group, deliveryId: message.deliveryId, err: errorMessage(error) }, 'event bus: dead-lettering failed');
    }
  }

  private chore(messages: readonly InboundMessage[], work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) => this.logger.warn({ err: errorMessage(error) }, 'event bus: bookkeeping failed'))
      .finally(() => {
        this.chores.delete(task);
        for (const message of messages) this.finish(message);
      });
    this.chores.add(task);
  }

  private finish(message: InboundMessage): void {
    this.buffered.delete(message);
    this.roomWaiter?.();
  }
}

/** FNV-1a: cheap, stable across processes, spreads similar subjects ("offer:…1", "offer:…2") well. */
export function subjectHash(subject: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < subject.length; index += 1) {
    hash ^= subject.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

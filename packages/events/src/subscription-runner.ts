import { backoffDelayMs, DEFAULT_BACKOFF, resolveBackoff, type BackoffOptions } from './backoff.js';
import { parseEnvelope, validateEnvelope } from './create-event.js';
import type { AnyEvent } from './envelope.js';
import type { EventHandler, HandlerContext, SubscribeOptions } from './event-bus.js';
import { isEventType, type EventType } from './event-schemas.js';
import { errorMessage, type EventLogger } from './logger.js';
import type { EventMetrics } from './metrics.js';
import { streamsOf, type EventStream } from './streams.js';
import { WakeableSleep } from './wakeable-sleep.js';

/**
 * The consuming half shared by RedisStreamsBus and InProcessBus: validation, routing, subject
 * lanes, retries with backoff and dead-lettering live here once, so both buses behave the same
 * and only differ in how messages are fetched, acknowledged and stored (the transport).
 */

export interface InboundMessage {
  /** Transport-level id (stream entry id), used to ack. */
  deliveryId: string;
  stream: EventStream;
  /** The envelope as JSON text, exactly as published. */
  payload: string;
  /** Set on dead-letter replays: only this group handles it, the others just acknowledge. */
  targetGroup: string | null;
  /** Attempts spent on this entry by earlier deliveries that never completed. */
  previousAttempts: number;
}

export interface DeadLetterFailure {
  error: string;
  attempts: number;
  eventId: string | null;
  type: string | null;
}

export interface ReleasedMessage {
  message: InboundMessage;
  /** Handler attempts made during this delivery (0 when it never started). */
  attemptsMade: number;
}

export interface SubscriptionTransport {
  /** Returns up to maxCount messages; may block a while and return [] when there are none. */
  fetch(maxCount: number): Promise<InboundMessage[]>;
  ack(message: InboundMessage): Promise<void>;
  /** Stores the message in the dead-letter stream and acknowledges it, atomically if possible. */
  deadLetter(message: InboundMessage, failure: DeadLetterFailure): Promise<void>;
  /** Gives back messages this consumer will not finish, so another consumer can take them. */
  release(messages: ReleasedMessage[]): Promise<void>;
  /** Renews this consumer's claim on messages it still holds (read ahead or running). */
  keepAlive?(messages: InboundMessage[]): Promise<void>;
  readonly keepAliveIntervalMs?: number;
  /** Makes a blocked fetch return promptly; called once when stopping. */
  interrupt(): Promise<void>;
  close(): Promise<void>;
}

export interface ResolvedSubscription {
  group: string;
  types: ReadonlySet<EventType>;
  streams: EventStream[];
  handler: EventHandler<AnyEvent>;
  concurrency: number;
  maxAttempts: number;
  backoff: BackoffOptions;
  prefetch: number;
  startFrom: 'beginning' | 'latest';
  removeGroupOnStop: boolean;
}

export interface SubscriptionDefaults {
  concurrency?: number;
  maxAttempts?: number;
  backoff?: Partial<BackoffOptions>;
  prefetch?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export function resolveSubscription<T extends EventType>(
  options: SubscribeOptions<T>,
  defaults: SubscriptionDefaults = {},
): ResolvedSubscription {
  if (!options.group || /\s/.test(options.group)) {
    throw new Error(`subscribe: group must be a non-empty name without spaces, got "${options.group}"`);
  }
  if (options.types.length === 0) throw new Error('subscribe: types must list at least one event type');
  const unknown = options.types.filter((type) => !isEventType(type));
  if (unknown.length > 0) throw new Error(`subscribe: unknown event types ${unknown.join(', ')}`);
  const concurrency = options.concurrency ?? defaults.concurrency ?? 1;
  const maxAttempts = options.maxAttempts ?? defaults.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('subscribe: concurrency must be an integer >= 1');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('subscribe: maxAttempts must be an integer >= 1');
  const prefetch = options.prefetch ?? defaults.prefetch ?? Math.max(16, concurrency * 4);
  if (!Number.isInteger(prefetch) || prefetch < 1) throw new Error('subscribe: prefetch must be an integer >= 1');
  return {
    group: options.group,
    types: new Set(options.types),
    streams: streamsOf(options.types),
    // The runner only passes events whose type is in `types`, so widening the handler is safe.
    handler: options.handler as EventHandler<AnyEvent>,
    concurrency,
    maxAttempts,
    backoff: resolveBackoff(options.backoff, resolveBackoff(defaults.backoff, DEFAULT_BACKOFF)),
    prefetch,
    startFrom: options.startFrom ?? 'beginning',
    removeGroupOnStop: options.removeGroupOnStop ?? false,
  };
}

/**
 * Each subscription acknowledges the types it does not list. Two subscriptions of one group on
 * one stream with different types would therefore silently swallow each other's events, so the
 * bus refuses that combination up front.
 */
export class GroupTypeRegistry {
  private readonly typesByGroupStream = new Map<string, string>();

  register(subscription: ResolvedSubscription): void {
    const signature = [...subscription.types].sort().join(',');
    for (const stream of subscription.streams) {
      const key = `${subscription.group}\u0000${stream}`;
      const existing = this.typesByGroupStream.get(key);
      if (existing !== undefined && existing !== signature) {
        throw new Error(
          `subscribe: group "${subscription.group}" already subscribes to stream "${stream}" with types [${existing}]; ` +
            'subscribe once per group and stream and dispatch on event.type in the handler',
        );
      }
      this.typesByGroupStream.set(key, signature);
    }
  }
}

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
    // Lanes finish the attempt in progress, then hand their unstarted events back (see drainLane).
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
      for (const message of messages) this.dispatch(message);
    }
  }

  private dispatch(message: InboundMessage): void {
    this.buffered.add(message);
    if (this.stopping) {
      this.chore(message, () => this.transport.release([{ message, attemptsMade: 0 }]));
      return;
    }
    const { group, types, maxAttempts } = this.subscription;
    const envelope = parseEnvelope(message.payload);
    if (!envelope.ok) {
      const { error } = envelope;
      this.chore(message, () => this.deadLetter(message, { error: error.message, attempts: 0, eventId: error.eventId, type: error.type }));
      return;
    }
    const { type } = envelope.envelope;
    if ((message.targetGroup !== null && message.targetGroup !== group) || !types.has(type as EventType)) {
      // Not this group's business: acknowledge so it does not linger in the group's pending list.
      this.chore(message, () => this.ack(message));
      return;
    }
    const validated = validateEnvelope(envelope.envelope);
    if (!validated.ok) {
      const { error } = validated;
      this.chore(message, () => this.deadLetter(message, { error: error.message, attempts: 0, eventId: error.eventId, type }));
      return;
    }
    const event = validated.event;
    if (message.previousAttempts >= maxAttempts) {
      // Consumers kept dying (or being stopped) while handling it: treat it as poison too.
      const error = `gave up after ${message.previousAttempts} deliveries that never completed (consumer crashed or stopped while handling)`;
      this.chore(message, () => this.deadLetter(message, { error, attempts: message.previousAttempts, eventId: event.id, type }));
      return;
    }
    const lane = this.lanes[subjectHash(event.subject) % this.lanes.length]!;
    lane.queue.push({ message, event });
    lane.running ??= this.drainLane(lane);
  }

  private async drainLane(lane: Lane): Promise<void> {
    while (lane.queue.length > 0) {
      if (this.stopping) {
        const unstarted = lane.queue.splice(0);
        await this.transport
          .release(unstarted.map((item) => ({ message: item.message, attemptsMade: 0 })))
          .catch((error: unknown) => this.logger.warn({ err: errorMessage(error) }, 'event bus: release failed'));
        for (const item of unstarted) this.finish(item.message);
        break;
      }
      const item = lane.queue.shift()!;
      await this.process(item);
      this.finish(item.message);
    }
    lane.running = null;
  }

  private async process({ message, event }: LaneItem): Promise<void> {
    const { group, handler, maxAttempts, backoff } = this.subscription;
    let attempt = message.previousAttempts + 1;
    for (;;) {
      const ctx: HandlerContext = {
        attempt,
        traceparent: event.traceparent,
        group,
        stream: message.stream,
        deliveryId: message.deliveryId,
      };
      const started = performance.now();
      try {
        await handler(event, ctx);
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
      await this.ack(message);
      return;
    }
  }

  private async ack(message: InboundMessage): Promise<void> {
    try {
      await this.transport.ack(message);
    } catch (error) {
      // Not fatal: the entry stays pending, is redelivered after the visibility timeout and the
      // consumer's inbox turns the redelivery into a no-op.
      this.logger.warn({ group: this.subscription.group, deliveryId: message.deliveryId, err: errorMessage(error) }, 'event bus: ack failed');
    }
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

  private chore(message: InboundMessage, work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) => this.logger.warn({ err: errorMessage(error) }, 'event bus: bookkeeping failed'))
      .finally(() => {
        this.chores.delete(task);
        this.finish(message);
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

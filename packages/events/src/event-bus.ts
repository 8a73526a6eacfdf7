import type { BackoffOptions } from './backoff.js';
import type { AnyEvent, EventEnvelope, EventOf } from './envelope.js';
import type { EventType } from './event-schemas.js';
import type { EventStream } from './streams.js';

export interface HandlerContext {
  /** 1 on first delivery; counts in-place retries and earlier deliveries lost to crashed consumers. */
  attempt: number;
  /** The event's W3C traceparent, to copy into follow-up events. */
  traceparent: string | null;
  group: string;
  stream: EventStream;
  /** Transport-level id of this delivery (the Redis stream entry id). */
  deliveryId: string;
}

export type EventHandler<E extends AnyEvent = AnyEvent> = (event: E, ctx: HandlerContext) => Promise<void>;

/** One event of a batch with its delivery context. */
export interface BatchEntry<E extends AnyEvent = AnyEvent> {
  event: E;
  ctx: HandlerContext;
}

/**
 * Handles several events at once, in stream order per subject. It succeeds or fails as a whole:
 * the bus acknowledges every entry after it returns, and when it throws the bus splits the batch
 * and tries the halves, down to single events that retry and dead-letter as with `handler`.
 */
export type BatchEventHandler<E extends AnyEvent = AnyEvent> = (entries: readonly BatchEntry<E>[]) => Promise<void>;

/** A subscription has either a per-event `handler` or a `batchHandler`. */
export type SubscribeOptions<T extends EventType = EventType> = SubscribeCommonOptions<T> &
  (
    | { handler: EventHandler<EventOf<T>>; batchHandler?: never; batchSize?: never }
    | {
        batchHandler: BatchEventHandler<EventOf<T>>;
        handler?: never;
        /** Most events per batch. Default 100. */
        batchSize?: number;
      }
  );

export interface SubscribeCommonOptions<T extends EventType = EventType> {
  /**
   * One group per consuming service: every group gets every event once, and within a group each
   * event goes to one consumer. Subscribe a group once per stream; dispatch on `event.type` inside
   * the handler rather than subscribing the same group twice with different types, because each
   * subscription acknowledges (skips) the types it does not list.
   */
  group: string;
  types: readonly T[];
  /**
   * Handlers running at once. Events are spread over `concurrency` lanes by subject, so events of
   * one subject are still handled one after the other, in stream order. Default 1.
   */
  concurrency?: number;
  /** Attempts before an event is dead-lettered. Default 5. */
  maxAttempts?: number;
  backoff?: Partial<BackoffOptions>;
  /** Events read ahead of the handlers. Default max(16, 4 × concurrency, 2 × batchSize × concurrency). */
  prefetch?: number;
  /**
   * Where a group that does not exist yet starts reading: "beginning" (default) of the retained
   * stream, so events published before a consumer's first deployment are not lost, or "latest" to
   * ignore history. Has no effect once the group exists: it then resumes where it left off.
   */
  startFrom?: 'beginning' | 'latest';
  /**
   * Delete the consumer group when this subscription stops (Redis Streams). For a group that
   * belongs to one short-lived process, such as a gateway replica's cache invalidation, whose
   * group would otherwise stay on the streams after the process is gone. Never for a service's
   * shared group: the events it has not handled yet would be lost. Default false.
   */
  removeGroupOnStop?: boolean;
}

export interface Subscription {
  readonly group: string;
  readonly streams: readonly EventStream[];
  /** Stops reading, waits for running handlers, leaves unstarted events for redelivery. */
  stop(): Promise<void>;
}

export interface DeadLetter {
  /** "<stream>:<entry id>", the argument of replayDeadLetter. */
  id: string;
  stream: EventStream;
  /** The consumer group whose handler gave up; replay redelivers to this group only. */
  group: string;
  eventId: string | null;
  type: string | null;
  /** The envelope exactly as it was received (it may not even be JSON). */
  payload: string;
  error: string;
  attempts: number;
  failedAt: string;
  /** Stream entry id of the failed delivery. */
  originalEntryId: string;
}

export interface ListDeadLettersOptions {
  /** Default: every stream. */
  stream?: EventStream;
  /** Default 100. Oldest first. */
  limit?: number;
  /** Only letters after this one (a dead-letter id) in list order: the cursor of the next page. */
  after?: string;
}

/** An event as JSON text, with its type (which decides the stream) beside it. */
export interface SerializedEvent {
  type: string;
  json: string;
}

export interface EventBus {
  /**
   * Appends events to their streams in order. On failure throws PublishError whose
   * `publishedCount` tells how many leading events were appended, so the outbox relay can mark
   * exactly those and retry from the first one that failed.
   */
  publish(events: readonly EventEnvelope[]): Promise<void>;
  /**
   * `publish` for events already serialised, as the outbox relay reads them from the outbox:
   * appending the stored text saves parsing each row and serialising it again. The text must be
   * an envelope of `type` (the outbox only holds validated events); consumers validate it anyway.
   */
  publishSerialized(events: readonly SerializedEvent[]): Promise<void>;
  subscribe<T extends EventType>(options: SubscribeOptions<T>): Promise<Subscription>;
  listDeadLetters(options?: ListDeadLettersOptions): Promise<DeadLetter[]>;
  /** Re-publishes the dead letter to its stream for its group only; false if the id is unknown. */
  replayDeadLetter(id: string): Promise<boolean>;
  /** Replays every dead letter (of one stream, or all); returns how many. */
  replayAllDeadLetters(stream?: EventStream): Promise<number>;
  /** Stops every subscription of this bus and releases its connections. */
  close(): Promise<void>;
}

export class PublishError extends Error {
  /** How many leading events of the batch were appended before the failure. */
  readonly publishedCount: number;

  constructor(message: string, publishedCount: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PublishError';
    this.publishedCount = publishedCount;
  }
}

import { EventEmitter } from 'node:events';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { errorMessage, silentLogger, type EventLogger } from './logger.js';
import { noopEventMetrics, type EventMetrics } from './metrics.js';

/**
 * Fire-and-forget fan-out for live pushes (DESIGN §2: notifications -> gateway). Unlike the event
 * bus nothing is stored or retried: a message reaches whoever listens right now, on every
 * gateway instance. Messages carry entity keys only; receivers resolve the rest.
 */
export interface LivePubSub {
  publish(channel: string, message: unknown): Promise<void>;
  /** Several messages in their order, as one write where the transport allows it (a batch's pushes). */
  publishAll(messages: readonly LiveMessage[]): Promise<void>;
  /** Resolves once the subscription is active; the returned function unsubscribes. */
  subscribe(channel: string, listener: (message: unknown) => void): Promise<() => Promise<void>>;
  /**
   * Called when delivery resumes after an interruption (the connection to Redis was lost and
   * is back, subscriptions restored): whatever was published meanwhile never arrived, so
   * receivers tell their clients to refetch. Returns a function that stops the calls.
   */
  onResume(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface LiveMessage {
  channel: string;
  message: unknown;
}

/** Well-known live channels (before the installation's key prefix). */
export const LIVE_CHANNELS = {
  notificationAdded: 'live:notification.added',
  releaseFeed: 'live:release.feed',
} as const;

/** On LIVE_CHANNELS.notificationAdded: keys only; the gateway resolves the rest per subscriber. */
export interface NotificationAddedMessage {
  id: string;
  userId: string;
}

/**
 * On LIVE_CHANNELS.releaseFeed: the feed item's key only. Which subscribers it is news for is the
 * notifications subgraph's answer when the gateway resolves the key with each subscriber's filter.
 */
export interface ReleaseFeedMessage {
  id: string;
}

/** One process (the embedded `pnpm start`): the notifications subgraph and the gateway share it. */
export class InProcessLivePubSub implements LivePubSub {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async publish(channel: string, message: unknown): Promise<void> {
    // Receivers get their own copy, as they would from Redis.
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    queueMicrotask(() => this.emitter.emit(channel, copy));
  }

  async publishAll(messages: readonly LiveMessage[]): Promise<void> {
    for (const { channel, message } of messages) await this.publish(channel, message);
  }

  async subscribe(channel: string, listener: (message: unknown) => void): Promise<() => Promise<void>> {
    this.emitter.on(channel, listener);
    return async () => {
      this.emitter.off(channel, listener);
    };
  }

  /** Nothing in between publisher and receiver: delivery is never interrupted. */
  onResume(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export interface RedisLivePubSubOptions {
  url: string;
  /** Prepended to every channel: installations and specs sharing one Redis stay apart. */
  keyPrefix?: string;
  /** The process's command connection, shared for publishing; without it one is opened. */
  publisher?: Redis;
  logger?: EventLogger;
  metrics?: EventMetrics;
}

/**
 * Redis pub/sub through graphql-redis-subscriptions' RedisPubSub: one connection publishes (the
 * process's shared one when given), one in subscriber mode listens for every channel of this
 * process, opened at the first subscribe, so a gateway holds one extra Redis connection however
 * many clients it serves and a process that only publishes holds none.
 */
export class RedisLivePubSub implements LivePubSub {
  private readonly pubsub: RedisPubSub;
  private readonly subscriber: Redis;
  private readonly ownedPublisher: Redis | undefined;
  private readonly publisher: Redis;
  private readonly resumeListeners = new Set<() => void>();
  private readonly keyPrefix: string;
  private readonly reportFloatingFailure: (error: unknown) => void;

  constructor(options: RedisLivePubSubOptions) {
    const logger = options.logger ?? silentLogger;
    const metrics = options.metrics ?? noopEventMetrics;
    // Errors are reported, never swallowed: a live push that cannot be sent or heard is an outage.
    const report = (connection: string) => (error: unknown) => {
      metrics.redisError(connection);
      logger.warn({ err: errorMessage(error), connection }, 'live pub/sub: redis connection error');
    };
    this.ownedPublisher = options.publisher
      ? undefined
      : new Redis(options.url, { connectionName: 'mrt:live-pub', maxRetriesPerRequest: 3, lazyConnect: true }).on('error', report('live-pub'));
    // No retry limit: while Redis is away a subscribe waits for it rather than failing, and
    // ioredis resubscribes every channel itself once it is back.
    this.subscriber = new Redis(options.url, { connectionName: 'mrt:live-sub', maxRetriesPerRequest: null, lazyConnect: true }).on(
      'error',
      report('live-sub'),
    );
    this.watchForResume();
    this.keyPrefix = options.keyPrefix ?? '';
    this.reportFloatingFailure = (error: unknown) => {
      metrics.redisError('live-sub');
      logger.warn({ err: errorMessage(error) }, 'live pub/sub: unsubscribe failed');
    };
    this.catchFloatingUnsubscribes();
    this.publisher = options.publisher ?? this.ownedPublisher!;
    this.pubsub = new RedisPubSub({ publisher: this.publisher, subscriber: this.subscriber });
  }

  // The prefix is added here, not with RedisPubSub's triggerTransform: its publish() skips that.
  async publish(channel: string, message: unknown): Promise<void> {
    await this.pubsub.publish(this.keyPrefix + channel, message);
  }

  /**
   * One pipeline of PUBLISHes (one socket write), serialised as RedisPubSub.publish does: a batch
   * of events notifies thousands of fans, and a write per push held the process for as many.
   */
  async publishAll(messages: readonly LiveMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const results = await this.publisher.pipeline(messages.map(({ channel, message }) => ['publish', this.keyPrefix + channel, JSON.stringify(message)])).exec();
    const failed = results?.find(([error]) => error !== null);
    if (failed) throw failed[0];
  }

  async subscribe(channel: string, listener: (message: unknown) => void): Promise<() => Promise<void>> {
    const trigger = this.keyPrefix + channel;
    const subscribed = this.pubsub.subscribe(trigger, listener);
    // RedisPubSub also parks a copy of the first subscribe's outcome for later subscribers to the
    // same channel; nobody awaits it when there are none, so its failure would go unhandled.
    pendingSubscribeOf(this.pubsub, trigger)?.catch(() => undefined);
    const id = await subscribed;
    return async () => this.pubsub.unsubscribe(id);
  }

  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => {
      this.resumeListeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.resumeListeners.clear();
    // Not RedisPubSub.close(): it would quit a shared publisher that other parts still use.
    this.subscriber.disconnect();
    this.ownedPublisher?.disconnect();
  }

  /**
   * RedisPubSub.unsubscribe sends UNSUBSCRIBE and PUNSUBSCRIBE without awaiting them. When the
   * connection closes before Redis answers (a shutdown right after the last subscriber left, or
   * during an outage) their rejections would be unhandled, which ends a Node process; here they
   * are reported instead.
   */
  private catchFloatingUnsubscribes(): void {
    for (const name of ['unsubscribe', 'punsubscribe'] as const) {
      const command = this.subscriber[name].bind(this.subscriber) as (...channels: string[]) => Promise<unknown>;
      const caught = (...channels: string[]) => {
        const sent = command(...channels);
        sent.catch(this.reportFloatingFailure);
        return sent;
      };
      Object.assign(this.subscriber, { [name]: caught });
    }
  }

  /**
   * ioredis resubscribes every channel itself on reconnect; 'ready' after a lost connection means
   * the gap is over. The PING is answered after the resubscriptions it follows, so listeners hear
   * of the gap only once new messages can arrive again.
   */
  private watchForResume(): void {
    let interrupted = false;
    this.subscriber.on('close', () => {
      interrupted = true;
    });
    this.subscriber.on('ready', () => {
      if (!interrupted) return;
      interrupted = false;
      void this.subscriber
        .ping()
        .catch(() => undefined)
        .then(() => {
          for (const listener of this.resumeListeners) listener();
        });
    });
  }
}

/** The parked outcome of a channel's first subscribe while it is in flight (RedisPubSub 2.x internals). */
function pendingSubscribeOf(pubsub: RedisPubSub, trigger: string): Promise<unknown> | undefined {
  const internals = pubsub as unknown as { subsPendingRefsMap?: Map<string, { pending?: Promise<unknown> }> };
  return internals.subsPendingRefsMap?.get(trigger)?.pending;
}

export interface CreateLivePubSubOptions {
  redisUrl?: string;
  keyPrefix?: string;
  /** With Redis: the process's command connection, shared for publishing. */
  publisher?: Redis;
  logger?: EventLogger;
  metrics?: EventMetrics;
}

/** Redis with a URL, otherwise in-process (the embedded mode): one interface either way. */
export function createLivePubSub(options: CreateLivePubSubOptions): LivePubSub {
  const { redisUrl, ...rest } = options;
  return redisUrl ? new RedisLivePubSub({ url: redisUrl, ...rest }) : new InProcessLivePubSub();
}

import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

/**
 * Fire-and-forget fan-out for live pushes (DESIGN §2: notifications -> gateway). Unlike the event
 * bus nothing is stored or retried: a message reaches whoever listens right now, on every
 * gateway instance. Messages carry entity keys only; receivers resolve the rest.
 */
export interface LivePubSub {
  publish(channel: string, message: unknown): Promise<void>;
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

/** On LIVE_CHANNELS.releaseFeed: keys plus the facts releaseFeed filters test. */
export interface ReleaseFeedMessage {
  id: string;
  kind: string;
  releaseId: string;
  offerId: string | null;
  bandIds: string[];
  genreIds: string[];
  format: string | null;
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

/**
 * Redis pub/sub: one connection publishes, one (in subscriber mode) listens for every channel of
 * this process, so a gateway holds two Redis connections however many clients it serves.
 */
export class RedisLivePubSub implements LivePubSub {
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;
  private readonly listeners = new Map<string, Set<(message: unknown) => void>>();
  private readonly resumeListeners = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly keyPrefix = '',
  ) {
    this.publisher = new Redis(url, { connectionName: 'mrt:live-pub', maxRetriesPerRequest: 3, lazyConnect: false });
    this.publisher.on('error', () => undefined);
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.publisher.publish(this.keyPrefix + channel, JSON.stringify(message));
  }

  async subscribe(channel: string, listener: (message: unknown) => void): Promise<() => Promise<void>> {
    const subscriber = this.ensureSubscriber();
    const name = this.keyPrefix + channel;
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
      await subscriber.subscribe(name);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(name);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(name);
      await subscriber.unsubscribe(name).catch(() => undefined);
    };
  }

  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => {
      this.resumeListeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.resumeListeners.clear();
    this.subscriber?.disconnect();
    this.publisher.disconnect();
  }

  private ensureSubscriber(): Redis {
    if (this.subscriber) return this.subscriber;
    const subscriber = new Redis(this.url, { connectionName: 'mrt:live-sub', maxRetriesPerRequest: null });
    subscriber.on('error', () => undefined);
    // ioredis resubscribes every channel itself on reconnect; 'ready' after a lost connection
    // means the gap is over. The PING is answered after the resubscriptions it follows, so
    // listeners hear of the gap only once new messages can arrive again.
    let interrupted = false;
    subscriber.on('close', () => {
      interrupted = true;
    });
    subscriber.on('ready', () => {
      if (!interrupted) return;
      interrupted = false;
      void subscriber
        .ping()
        .catch(() => undefined)
        .then(() => {
          for (const listener of this.resumeListeners) listener();
        });
    });
    subscriber.on('message', (channel: string, text: string) => {
      const set = this.listeners.get(channel);
      if (!set) return;
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch {
        return;
      }
      for (const listener of set) listener(message);
    });
    this.subscriber = subscriber;
    return subscriber;
  }
}

/** Redis with a URL, otherwise in-process (the embedded mode). */
export function createLivePubSub(options: { redisUrl?: string; keyPrefix?: string }): LivePubSub {
  return options.redisUrl ? new RedisLivePubSub(options.redisUrl, options.keyPrefix) : new InProcessLivePubSub();
}

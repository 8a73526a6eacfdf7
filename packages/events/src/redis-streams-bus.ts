import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { EventEnvelope } from './envelope.js';
import {
  PublishError,
  type DeadLetter,
  type EventBus,
  type ListDeadLettersOptions,
  type SerializedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-bus.js';
import { isEventType, type EventType } from './event-schemas.js';
import { errorMessage, silentLogger, type EventLogger } from './logger.js';
import { noopEventMetrics, type EventMetrics } from './metrics.js';
import { RedisDeadLetters } from './redis-dead-letters.js';
import { quitQuietly, RedisStreamTransport, type ResolvedRedisOptions } from './redis-stream-transport.js';
import { streamOf, type EventStream } from './streams.js';
import { GroupTypeRegistry, resolveSubscription, type SubscriptionDefaults } from './subscription-options.js';
import { SubscriptionRunner } from './subscription-runner.js';

export interface RedisStreamsBusOptions {
  /** A connection URL (the bus owns and closes the connection) or a client the caller owns. */
  redis: Redis | string;
  /**
   * ioredis options for the connection the bus creates from a URL. Default
   * { maxRetriesPerRequest: 3 }: during an outage commands fail within a few hundred ms instead
   * of queueing for tens of seconds, and the bus's own retries take over.
   */
  redisOptions?: RedisOptions;
  /**
   * Prepended to every key: streams are "<prefix><stream>", dead letters "<prefix><stream>.dlq".
   * Isolates tenants and tests sharing one Redis. Default "mrt:". Do not also set ioredis' own
   * keyPrefix option on a client you pass in.
   */
  keyPrefix?: string;
  /** Approximate stream length kept (XADD MAXLEN ~). Consumers further behind lose events. Default 100000. */
  maxLen?: number;
  /** Approximate dead-letter stream length kept. Default 100000. */
  deadLetterMaxLen?: number;
  /** Longest XREADGROUP BLOCK. Default 5000 ms. */
  blockMs?: number;
  /** A delivered event idle this long belongs to a dead consumer and is reclaimed (XAUTOCLAIM). Default 60000 ms. */
  visibilityTimeoutMs?: number;
  /** How often a consumer looks for events to reclaim. Default visibilityTimeoutMs / 4. */
  reclaimIntervalMs?: number;
  /** How often consumerLag is reported. Default 15000 ms. */
  lagReportIntervalMs?: number;
  /** How long publish waits for a usable connection before failing. Default 5000 ms. */
  publishTimeoutMs?: number;
  /** Consumer name stem; each subscription appends "-<n>". Default "<hostname>-<pid>-<random>". */
  consumerName?: string;
  /** Defaults for subscribe() options. */
  subscriptionDefaults?: SubscriptionDefaults;
  metrics?: EventMetrics;
  logger?: EventLogger;
}

export const REDIS_BUS_DEFAULTS = {
  keyPrefix: 'mrt:',
  maxLen: 100_000,
  deadLetterMaxLen: 100_000,
  blockMs: 5_000,
  visibilityTimeoutMs: 60_000,
  lagReportIntervalMs: 15_000,
  publishTimeoutMs: 5_000,
} as const;

/**
 * Event bus on Redis Streams: one stream per pipeline stage, one consumer group per consuming
 * service, at-least-once delivery (XACK only after the handler succeeded), reclaim of events held
 * by dead consumers, and a dead-letter stream per stream. This class publishes and wires
 * subscriptions; each subscription's reading, acking and reclaiming is its RedisStreamTransport
 * driven by the shared SubscriptionRunner loop, and dead letters are RedisDeadLetters'.
 */
export class RedisStreamsBus implements EventBus {
  private readonly commands: Redis;
  private readonly ownsConnection: boolean;
  private readonly options: ResolvedRedisOptions;
  private readonly metrics: EventMetrics;
  private readonly logger: EventLogger;
  private readonly consumerStem: string;
  private readonly defaults: SubscriptionDefaults;
  private readonly registry = new GroupTypeRegistry();
  private readonly subscriptions = new Set<Subscription>();
  private subscriptionCount = 0;
  private readonly deadLetters: RedisDeadLetters;
  private closed = false;

  constructor(options: RedisStreamsBusOptions) {
    this.ownsConnection = typeof options.redis === 'string';
    this.commands =
      typeof options.redis === 'string' ? new Redis(options.redis, { maxRetriesPerRequest: 3, ...options.redisOptions }) : options.redis;
    const visibilityTimeoutMs = options.visibilityTimeoutMs ?? REDIS_BUS_DEFAULTS.visibilityTimeoutMs;
    this.options = {
      keyPrefix: options.keyPrefix ?? REDIS_BUS_DEFAULTS.keyPrefix,
      maxLen: options.maxLen ?? REDIS_BUS_DEFAULTS.maxLen,
      deadLetterMaxLen: options.deadLetterMaxLen ?? REDIS_BUS_DEFAULTS.deadLetterMaxLen,
      blockMs: options.blockMs ?? REDIS_BUS_DEFAULTS.blockMs,
      visibilityTimeoutMs,
      reclaimIntervalMs: options.reclaimIntervalMs ?? Math.max(50, Math.floor(visibilityTimeoutMs / 4)),
      lagReportIntervalMs: options.lagReportIntervalMs ?? REDIS_BUS_DEFAULTS.lagReportIntervalMs,
      publishTimeoutMs: options.publishTimeoutMs ?? REDIS_BUS_DEFAULTS.publishTimeoutMs,
    };
    this.metrics = options.metrics ?? noopEventMetrics;
    this.logger = options.logger ?? silentLogger;
    this.defaults = options.subscriptionDefaults ?? {};
    this.consumerStem = options.consumerName ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.deadLetters = new RedisDeadLetters({
      commands: this.commands,
      streamKey: (stream) => this.streamKey(stream),
      deadLetterKey: (stream) => this.deadLetterKey(stream),
      maxLen: this.options.maxLen,
    });
    // ioredis emits connection errors as events; unhandled they would crash the process.
    this.commands.on('error', (error: unknown) => {
      this.metrics.redisError('event-bus');
      this.logger.warn({ err: errorMessage(error) }, 'event bus: redis connection error');
    });
  }

  streamKey(stream: EventStream): string {
    return `${this.options.keyPrefix}${stream}`;
  }

  deadLetterKey(stream: EventStream): string {
    return `${this.options.keyPrefix}${stream}.dlq`;
  }

  publish(events: readonly EventEnvelope[]): Promise<void> {
    return this.publishSerialized(events.map((event) => ({ type: event.type, json: JSON.stringify(event) })));
  }

  async publishSerialized(events: readonly SerializedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const unknown = events.findIndex((event) => !isEventType(event.type));
    if (unknown >= 0) {
      throw new PublishError(`cannot publish unknown event type "${events[unknown]!.type}"`, 0);
    }
    try {
      // Failing fast while disconnected (instead of queueing in ioredis' offline queue) lets the
      // relay retry cleanly from the outbox rather than pile up unbounded in-memory commands.
      await this.waitUntilReady();
    } catch (error) {
      throw new PublishError(`redis unavailable: ${errorMessage(error)}`, 0, { cause: error });
    }
    const pipeline = this.commands.pipeline(
      events.map((event) => [
        'xadd',
        this.streamKey(streamOf(event.type as EventType)),
        'MAXLEN',
        '~',
        String(this.options.maxLen),
        '*',
        'event',
        event.json,
        'type',
        event.type,
      ]),
    );
    let results: Array<[Error | null, unknown]> | null;
    try {
      results = await withTimeout(pipeline.exec(), this.options.publishTimeoutMs, 'publish timed out');
    } catch (error) {
      throw new PublishError(`publish failed: ${errorMessage(error)}`, 0, { cause: error });
    }
    const failedAt = (results ?? []).findIndex(([error]) => error !== null);
    const publishedCount = failedAt < 0 ? events.length : failedAt;
    for (const event of events.slice(0, publishedCount)) this.metrics.published(event.type);
    if (failedAt >= 0 || results === null) {
      const cause = results?.[failedAt]?.[0];
      throw new PublishError(`publish failed at event ${publishedCount}: ${errorMessage(cause ?? 'no reply')}`, publishedCount, { cause });
    }
  }

  async subscribe<T extends EventType>(options: SubscribeOptions<T>): Promise<Subscription> {
    if (this.closed) throw new Error('subscribe: the bus is closed');
    const resolved = resolveSubscription(options, this.defaults);
    this.registry.register(resolved);
    this.subscriptionCount += 1;
    const consumer = `${this.consumerStem}-${this.subscriptionCount}`;
    const reader = this.commands.duplicate({ connectionName: `mrt-events:${consumer}` });
    reader.on('error', (error: unknown) => this.logger.warn({ err: errorMessage(error), consumer }, 'event bus: reader connection error'));
    const transport = new RedisStreamTransport({
      commands: this.commands,
      reader,
      group: resolved.group,
      consumer,
      streams: resolved.streams,
      startFrom: resolved.startFrom,
      removeGroupOnStop: resolved.removeGroupOnStop,
      streamKey: (stream) => this.streamKey(stream),
      deadLetterKey: (stream) => this.deadLetterKey(stream),
      options: this.options,
      metrics: this.metrics,
      logger: this.logger,
    });
    try {
      await transport.init();
    } catch (error) {
      reader.disconnect();
      throw error;
    }
    const runner = new SubscriptionRunner(transport, resolved, this.metrics, this.logger);
    runner.start();
    const subscription: Subscription = {
      group: resolved.group,
      streams: resolved.streams,
      stop: async () => {
        await runner.stop();
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  listDeadLetters(options: ListDeadLettersOptions = {}): Promise<DeadLetter[]> {
    return this.deadLetters.list(options);
  }

  replayDeadLetter(id: string): Promise<boolean> {
    return this.deadLetters.replay(id);
  }

  replayAllDeadLetters(stream?: EventStream): Promise<number> {
    return this.deadLetters.replayAll(stream);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.ownsConnection) await quitQuietly(this.commands);
  }

  private async waitUntilReady(): Promise<void> {
    const client = this.commands;
    if (client.status === 'ready') return;
    if (client.status === 'end') throw new Error('connection closed');
    if (client.status === 'wait') void client.connect().catch(() => {});
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        reject(new Error(`not connected after ${this.options.publishTimeoutMs} ms (status ${client.status})`));
      }, this.options.publishTimeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      client.once('ready', onReady);
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${message} after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

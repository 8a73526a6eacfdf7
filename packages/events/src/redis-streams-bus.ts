import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { compareEntryIds, formatDeadLetterId, parseDeadLetterId } from './dead-letter-id.js';
import type { EventEnvelope } from './envelope.js';
import {
  PublishError,
  type DeadLetter,
  type EventBus,
  type ListDeadLettersOptions,
  type SubscribeOptions,
  type Subscription,
} from './event-bus.js';
import { isEventType, type EventType } from './event-schemas.js';
import { errorMessage, silentLogger, type EventLogger } from './logger.js';
import { noopEventMetrics, type EventMetrics } from './metrics.js';
import {
  parseAutoClaimReply,
  parseGroupInfo,
  parsePendingDeliveries,
  parseReadGroupReply,
  toStreamEntries,
  type StreamEntry,
} from './redis-stream-replies.js';
import { ALL_EVENT_STREAMS, isEventStream, streamOf, type EventStream } from './streams.js';
import {
  GroupTypeRegistry,
  resolveSubscription,
  SubscriptionRunner,
  type DeadLetterFailure,
  type InboundMessage,
  type ReleasedMessage,
  type SubscriptionDefaults,
  type SubscriptionTransport,
} from './subscription-runner.js';

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

interface ResolvedRedisOptions {
  keyPrefix: string;
  maxLen: number;
  deadLetterMaxLen: number;
  blockMs: number;
  visibilityTimeoutMs: number;
  reclaimIntervalMs: number;
  lagReportIntervalMs: number;
  publishTimeoutMs: number;
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

/** Appends the dead letter's envelope to its stream for its group and deletes it, atomically. */
const REPLAY_SCRIPT = `
local entries = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #entries == 0 then return 0 end
local fields = entries[1][2]
local payload, group, eventType = nil, '', ''
for i = 1, #fields, 2 do
  if fields[i] == 'event' then payload = fields[i + 1]
  elseif fields[i] == 'group' then group = fields[i + 1]
  elseif fields[i] == 'type' then eventType = fields[i + 1] end
end
if payload == nil then return 0 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'event', payload, 'type', eventType, 'group', group, 'replayOf', ARGV[1])
redis.call('XDEL', KEYS[1], ARGV[1])
return 1
`;

/**
 * Event bus on Redis Streams: one stream per pipeline stage, one consumer group per consuming
 * service, at-least-once delivery (XACK only after the handler succeeded), reclaim of events held
 * by dead consumers, and a dead-letter stream per stream.
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
    // ioredis emits connection errors as events; unhandled they would crash the process.
    this.commands.on('error', (error: unknown) => this.logger.warn({ err: errorMessage(error) }, 'event bus: redis connection error'));
  }

  streamKey(stream: EventStream): string {
    return `${this.options.keyPrefix}${stream}`;
  }

  deadLetterKey(stream: EventStream): string {
    return `${this.options.keyPrefix}${stream}.dlq`;
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
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
        JSON.stringify(event),
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

  async listDeadLetters(options: ListDeadLettersOptions = {}): Promise<DeadLetter[]> {
    const limit = options.limit ?? 100;
    const streams = options.stream ? [options.stream] : ALL_EVENT_STREAMS;
    const letters: SortableDeadLetter[] = [];
    for (const stream of streams) {
      const raw = await this.commands.call('XRANGE', this.deadLetterKey(stream), '-', '+', 'COUNT', String(limit));
      letters.push(...toStreamEntries(raw).map((entry) => toDeadLetter(stream, entry)));
    }
    return letters.sort((a, b) => compareEntryIds(a.sortKey, b.sortKey)).slice(0, limit).map(stripSortKey);
  }

  async replayDeadLetter(id: string): Promise<boolean> {
    const parsed = parseDeadLetterId(id);
    if (!parsed) return false;
    const replayed = await this.commands.eval(
      REPLAY_SCRIPT,
      2,
      this.deadLetterKey(parsed.stream),
      this.streamKey(parsed.stream),
      parsed.entryId,
      String(this.options.maxLen),
    );
    return Number(replayed) === 1;
  }

  async replayAllDeadLetters(stream?: EventStream): Promise<number> {
    let replayed = 0;
    for (const each of stream ? [stream] : ALL_EVENT_STREAMS) {
      // Snapshot the ids first: a replay that fails again lands back in the DLQ and must not be
      // picked up by this same sweep.
      const ids: string[] = [];
      let start = '-';
      for (;;) {
        const page = toStreamEntries(await this.commands.call('XRANGE', this.deadLetterKey(each), start, '+', 'COUNT', '500'));
        ids.push(...page.map((entry) => entry.id));
        if (page.length < 500) break;
        start = `(${page[page.length - 1]!.id}`;
      }
      for (const entryId of ids) {
        if (await this.replayDeadLetter(formatDeadLetterId(each, entryId))) replayed += 1;
      }
    }
    return replayed;
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

interface TransportDeps {
  commands: Redis;
  reader: Redis;
  group: string;
  consumer: string;
  streams: EventStream[];
  startFrom: 'beginning' | 'latest';
  removeGroupOnStop: boolean;
  streamKey: (stream: EventStream) => string;
  deadLetterKey: (stream: EventStream) => string;
  options: ResolvedRedisOptions;
  metrics: EventMetrics;
  logger: EventLogger;
}

/** One consumer (one name in the group) reading a subscription's streams on its own connection. */
class RedisStreamTransport implements SubscriptionTransport {
  readonly keepAliveIntervalMs: number;
  private readonly keys: string[];
  private readonly streamByKey = new Map<string, EventStream>();
  private readonly reclaimCursors = new Map<string, string>();
  private readerClientId: string | null = null;
  private unblockTimer: NodeJS.Timeout | null = null;
  private nextReclaimAt = 0;
  private nextLagReportAt = 0;
  private clientListAllowed = true;
  private interrupted = false;

  constructor(private readonly deps: TransportDeps) {
    this.keys = deps.streams.map((stream) => {
      const key = deps.streamKey(stream);
      this.streamByKey.set(key, stream);
      return key;
    });
    // Renew claims well within the visibility timeout so a slow handler is not mistaken for a dead one.
    this.keepAliveIntervalMs = Math.max(50, Math.floor(deps.options.visibilityTimeoutMs / 3));
  }

  async init(): Promise<void> {
    await this.ensureGroups();
    // Needed to interrupt the blocking read on stop; refreshed because a reconnect changes the id.
    this.readerClientId = String(await this.deps.reader.call('CLIENT', 'ID'));
    this.deps.reader.on('ready', () => {
      this.deps.reader.call('CLIENT', 'ID').then(
        (id) => (this.readerClientId = String(id)),
        () => {},
      );
    });
  }

  async fetch(maxCount: number): Promise<InboundMessage[]> {
    if (this.interrupted) return [];
    const { options } = this.deps;
    const now = Date.now();
    // Housekeeping uses the shared connection; while it is down, only the read (which stop() can
    // cut by disconnecting the reader) may wait on Redis.
    const housekeeping = this.deps.commands.status === 'ready';
    if (housekeeping && now >= this.nextLagReportAt) {
      this.nextLagReportAt = now + options.lagReportIntervalMs;
      await this.reportLag().catch((error: unknown) => this.deps.logger.debug({ err: errorMessage(error) }, 'event bus: lag report failed'));
    }
    if (housekeeping && now >= this.nextReclaimAt) {
      this.nextReclaimAt = now + options.reclaimIntervalMs;
      const reclaimed = await this.reclaim(maxCount);
      // A full batch means more may be waiting (a dead consumer held more than one batch): look again next read.
      if (reclaimed.length >= maxCount) this.nextReclaimAt = now;
      if (reclaimed.length > 0) return reclaimed;
    }
    const blockMs = Math.max(1, Math.min(options.blockMs, options.reclaimIntervalMs));
    let reply: unknown;
    try {
      reply = await this.deps.reader.call(
        'XREADGROUP',
        'GROUP',
        this.deps.group,
        this.deps.consumer,
        'COUNT',
        String(maxCount),
        'BLOCK',
        String(blockMs),
        'STREAMS',
        ...this.keys,
        ...this.keys.map(() => '>'),
      );
    } catch (error) {
      if (this.interrupted) return [];
      if (errorMessage(error).includes('NOGROUP')) {
        // The stream was deleted under us (e.g. by an operator); recreate and carry on.
        await this.ensureGroups();
        return [];
      }
      throw error;
    }
    return parseReadGroupReply(reply).flatMap(({ key, entries }) => {
      const stream = this.streamByKey.get(key);
      return stream ? entries.map((entry) => toInbound(stream, entry, 0)) : [];
    });
  }

  async ack(message: InboundMessage): Promise<void> {
    await this.deps.commands.xack(this.deps.streamKey(message.stream), this.deps.group, message.deliveryId);
  }

  async deadLetter(message: InboundMessage, failure: DeadLetterFailure): Promise<void> {
    const { commands, group, consumer, options } = this.deps;
    const results = await commands
      .multi([
        [
          'xadd',
          this.deps.deadLetterKey(message.stream),
          'MAXLEN',
          '~',
          String(options.deadLetterMaxLen),
          '*',
          'event',
          message.payload,
          'type',
          failure.type ?? '',
          'eventId',
          failure.eventId ?? '',
          'group',
          group,
          'stream',
          message.stream,
          'error',
          failure.error.slice(0, 4_000),
          'attempts',
          String(failure.attempts),
          'failedAt',
          new Date().toISOString(),
          'originalId',
          message.deliveryId,
          'consumer',
          consumer,
        ],
        ['xack', this.deps.streamKey(message.stream), group, message.deliveryId],
      ])
      .exec();
    const failed = results?.find(([error]) => error !== null);
    if (!results || failed) throw failed?.[0] ?? new Error('dead-letter transaction aborted');
  }

  async release(messages: ReleasedMessage[]): Promise<void> {
    // Mark them as idle for the whole visibility timeout so any consumer of the group (including
    // a restarted one) reclaims them at its next reclaim pass instead of a full timeout later.
    for (const [stream, ids] of groupIdsByStream(messages.map((released) => released.message))) {
      await this.deps.commands.call(
        'XCLAIM',
        this.deps.streamKey(stream),
        this.deps.group,
        this.deps.consumer,
        '0',
        ...ids,
        'IDLE',
        String(this.deps.options.visibilityTimeoutMs),
        'JUSTID',
      );
    }
  }

  async keepAlive(messages: InboundMessage[]): Promise<void> {
    for (const [stream, ids] of groupIdsByStream(messages)) {
      // XCLAIM to ourselves resets the idle time; JUSTID keeps the delivery counter unchanged.
      await this.deps.commands.call('XCLAIM', this.deps.streamKey(stream), this.deps.group, this.deps.consumer, '0', ...ids, 'JUSTID');
    }
  }

  async interrupt(): Promise<void> {
    this.interrupted = true;
    const unblock = () => {
      if (this.readerClientId === null) return;
      this.deps.commands.call('CLIENT', 'UNBLOCK', this.readerClientId).catch(() => {});
    };
    unblock();
    // The read may not have reached the server yet when the first UNBLOCK does; repeat until closed.
    this.unblockTimer = setInterval(unblock, 100);
    this.unblockTimer.unref();
    if (this.deps.reader.status !== 'ready') this.deps.reader.disconnect();
  }

  async close(): Promise<void> {
    if (this.unblockTimer) clearInterval(this.unblockTimer);
    if (this.deps.commands.status === 'ready') {
      await (this.deps.removeGroupOnStop ? this.removeGroup() : this.removeConsumerIfIdle()).catch((error: unknown) =>
        this.deps.logger.debug({ err: errorMessage(error) }, 'event bus: consumer cleanup failed'),
      );
    }
    await quitQuietly(this.deps.reader);
  }

  private async ensureGroups(): Promise<void> {
    for (const key of this.keys) {
      try {
        // "0": a group created after events were published still receives them (at-least-once
        // also for the first deployment of a consumer), up to what MAXLEN trimming kept.
        const start = this.deps.startFrom === 'latest' ? '$' : '0';
        await this.deps.commands.call('XGROUP', 'CREATE', key, this.deps.group, start, 'MKSTREAM');
      } catch (error) {
        if (!errorMessage(error).includes('BUSYGROUP')) throw error;
      }
    }
  }

  private async reclaim(maxCount: number): Promise<InboundMessage[]> {
    const { commands, group, consumer, options, logger } = this.deps;
    const reclaimed: InboundMessage[] = await this.claimFromDisconnectedConsumers(maxCount);
    for (const key of this.keys) {
      const stream = this.streamByKey.get(key)!;
      const room = maxCount - reclaimed.length;
      if (room <= 0) break;
      const reply = parseAutoClaimReply(
        await commands.call('XAUTOCLAIM', key, group, consumer, String(options.visibilityTimeoutMs), this.reclaimCursors.get(key) ?? '0-0', 'COUNT', String(room)),
      );
      this.reclaimCursors.set(key, reply.cursor);
      if (reply.entries.length === 0) continue;
      const first = reply.entries[0]!.id;
      const last = reply.entries[reply.entries.length - 1]!.id;
      const deliveries = parsePendingDeliveries(
        await commands.call('XPENDING', key, group, first, last, String(reply.entries.length * 2 + 100), consumer),
      );
      for (const entry of reply.entries) {
        // XAUTOCLAIM counted this delivery; every earlier one died without completing.
        reclaimed.push(toInbound(stream, entry, Math.max(0, (deliveries.get(entry.id) ?? 1) - 1)));
      }
      logger.info({ group, consumer, stream, count: reply.entries.length }, 'event bus: reclaimed events from an unresponsive consumer');
    }
    return reclaimed;
  }

  /**
   * A consumer killed outright (kill -9, OOM) left its read-but-unacknowledged events pending, and
   * XAUTOCLAIM only frees them once they sat idle for the whole visibility timeout. But Redis drops
   * a dead process's connections at once, and every reader connection carries its consumer's name:
   * a consumer of the group with pending entries and no connection is gone, so its entries are
   * claimed now (by the restarted process at its first read, or by a live replica at its next
   * reclaim pass). A reader merely reconnecting may be taken for dead; the inbox makes that second
   * delivery a no-op, as with any reclaim. Without CLIENT LIST (an ACL may forbid it) only the
   * timeout applies.
   */
  private async claimFromDisconnectedConsumers(maxCount: number): Promise<InboundMessage[]> {
    const { commands, group, consumer, logger } = this.deps;
    if (!this.clientListAllowed) return [];
    let connected: Set<string>;
    try {
      connected = connectedConsumerNames(String(await commands.call('CLIENT', 'LIST', 'TYPE', 'normal')));
    } catch (error) {
      this.clientListAllowed = false;
      logger.info({ err: errorMessage(error) }, 'event bus: CLIENT LIST unavailable; dead consumers are reclaimed after the visibility timeout only');
      return [];
    }
    const claimed: InboundMessage[] = [];
    for (const key of this.keys) {
      const stream = this.streamByKey.get(key)!;
      const consumers = parseGroupInfo(await commands.call('XINFO', 'CONSUMERS', key, group));
      for (const info of consumers) {
        const name = String(info.get('name'));
        const room = maxCount - claimed.length;
        if (room <= 0) return claimed;
        if (name === consumer || Number(info.get('pending') ?? 0) === 0 || connected.has(name)) continue;
        const deliveries = parsePendingDeliveries(await commands.call('XPENDING', key, group, '-', '+', String(room), name));
        if (deliveries.size === 0) continue;
        const entries = toStreamEntries(await commands.call('XCLAIM', key, group, consumer, '0', ...deliveries.keys()));
        // Every earlier delivery of these died with their consumer; this one is the next attempt.
        for (const entry of entries) claimed.push(toInbound(stream, entry, deliveries.get(entry.id) ?? 0));
        const trimmed = [...deliveries.keys()].filter((id) => !entries.some((entry) => entry.id === id));
        // Entries trimmed from the stream while pending cannot be handled: drop them from the group.
        if (trimmed.length > 0) await commands.xack(key, group, ...trimmed);
        logger.info({ group, consumer, from: name, stream, count: entries.length }, 'event bus: claimed events of a disconnected consumer');
      }
    }
    return claimed;
  }

  private async reportLag(): Promise<void> {
    for (const key of this.keys) {
      const stream = this.streamByKey.get(key)!;
      const groups = parseGroupInfo(await this.deps.commands.call('XINFO', 'GROUPS', key));
      const info = groups.find((group) => group.get('name') === this.deps.group);
      if (!info) continue;
      const lag = Number(info.get('lag') ?? 0);
      const pending = Number(info.get('pending') ?? 0);
      this.deps.metrics.consumerLag(this.deps.group, stream, (Number.isFinite(lag) ? lag : 0) + pending);
    }
  }

  private async removeGroup(): Promise<void> {
    for (const key of this.keys) await this.deps.commands.call('XGROUP', 'DESTROY', key, this.deps.group);
  }

  private async removeConsumerIfIdle(): Promise<void> {
    const { commands, group, consumer } = this.deps;
    for (const key of this.keys) {
      const pending = await commands.call('XPENDING', key, group, '-', '+', '1', consumer);
      // Deleting a consumer drops its pending entries for good, so only an idle one is removed.
      if (Array.isArray(pending) && pending.length === 0) {
        await commands.call('XGROUP', 'DELCONSUMER', key, group, consumer);
      }
    }
  }
}

/** Consumer names of the bus's reader connections still open (each is named "mrt-events:<consumer>"). */
function connectedConsumerNames(clientList: string): Set<string> {
  const names = new Set<string>();
  for (const match of clientList.matchAll(/(?:^| )name=mrt-events:(\S+)/gm)) names.add(match[1]!);
  return names;
}

function toInbound(stream: EventStream, entry: StreamEntry, previousAttempts: number): InboundMessage {
  const group = entry.fields.get('group');
  return {
    deliveryId: entry.id,
    stream,
    payload: entry.fields.get('event') ?? '',
    targetGroup: group ? group : null,
    previousAttempts,
  };
}

type SortableDeadLetter = DeadLetter & { sortKey: string };

function toDeadLetter(stream: EventStream, entry: StreamEntry): SortableDeadLetter {
  const field = (name: string) => entry.fields.get(name) ?? '';
  const recordedStream = field('stream');
  return {
    id: formatDeadLetterId(stream, entry.id),
    stream: isEventStream(recordedStream) ? recordedStream : stream,
    group: field('group'),
    eventId: field('eventId') || null,
    type: field('type') || null,
    payload: field('event'),
    error: field('error'),
    attempts: Number(field('attempts') || 0),
    failedAt: field('failedAt'),
    originalEntryId: field('originalId'),
    // Dead-letter entry ids are creation times, so they order letters across streams.
    sortKey: entry.id,
  };
}

function stripSortKey(letter: SortableDeadLetter): DeadLetter {
  const copy: Partial<SortableDeadLetter> = { ...letter };
  delete copy.sortKey;
  return copy as DeadLetter;
}

function groupIdsByStream(messages: InboundMessage[]): Map<EventStream, string[]> {
  const byStream = new Map<EventStream, string[]>();
  for (const message of messages) {
    const ids = byStream.get(message.stream) ?? [];
    ids.push(message.deliveryId);
    byStream.set(message.stream, ids);
  }
  return byStream;
}

async function quitQuietly(client: Redis): Promise<void> {
  try {
    if (client.status === 'end') return;
    if (client.status === 'ready') await client.quit();
    else client.disconnect();
  } catch {
    client.disconnect();
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


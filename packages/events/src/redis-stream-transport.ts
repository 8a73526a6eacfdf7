import type { Redis } from 'ioredis';
import { errorMessage, type EventLogger } from './logger.js';
import type { EventMetrics } from './metrics.js';
import {
  parseAutoClaimReply,
  parseGroupInfo,
  parsePendingDeliveries,
  parseReadGroupReply,
  toStreamEntries,
  type StreamEntry,
} from './redis-stream-replies.js';
import type { EventStream } from './streams.js';
import type { DeadLetterFailure, InboundMessage, ReleasedMessage, SubscriptionTransport } from './subscription-transport.js';

/** The bus's settings after defaults: what each subscription's transport reads. */
export interface ResolvedRedisOptions {
  keyPrefix: string;
  maxLen: number;
  deadLetterMaxLen: number;
  blockMs: number;
  visibilityTimeoutMs: number;
  reclaimIntervalMs: number;
  lagReportIntervalMs: number;
  publishTimeoutMs: number;
}

export interface TransportDeps {
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
export class RedisStreamTransport implements SubscriptionTransport {
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
    return this.readGroup(maxCount, blockMs);
  }

  /**
   * What is already waiting, without blocking. A blocked XREADGROUP returns on the first entry a
   * relay's pipeline appends, before the rest of it is there: reading again at once takes the
   * rest, so the handler gets the burst as one batch instead of a batch of one and then the rest.
   */
  fetchWaiting(maxCount: number): Promise<InboundMessage[]> {
    return this.interrupted ? Promise.resolve([]) : this.readGroup(maxCount, null);
  }

  private async readGroup(maxCount: number, blockMs: number | null): Promise<InboundMessage[]> {
    const block = blockMs === null ? [] : ['BLOCK', String(blockMs)];
    let reply: unknown;
    try {
      reply = await this.deps.reader.call(
        'XREADGROUP',
        'GROUP',
        this.deps.group,
        this.deps.consumer,
        'COUNT',
        String(maxCount),
        ...block,
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

  async ack(messages: readonly InboundMessage[]): Promise<void> {
    // One XACK per stream for the whole batch (a subscription reads one or two streams).
    for (const [stream, ids] of groupIdsByStream(messages)) await this.deps.commands.xack(this.deps.streamKey(stream), this.deps.group, ...ids);
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
    type: entry.fields.get('type') ?? null,
    targetGroup: group ? group : null,
    previousAttempts,
  };
}

function groupIdsByStream(messages: readonly InboundMessage[]): Map<EventStream, string[]> {
  const byStream = new Map<EventStream, string[]>();
  for (const message of messages) {
    const ids = byStream.get(message.stream) ?? [];
    ids.push(message.deliveryId);
    byStream.set(message.stream, ids);
  }
  return byStream;
}

export async function quitQuietly(client: Redis): Promise<void> {
  try {
    if (client.status === 'end') return;
    if (client.status === 'ready') await client.quit();
    else client.disconnect();
  } catch {
    client.disconnect();
  }
}

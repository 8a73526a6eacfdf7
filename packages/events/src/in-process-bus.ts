import { compareDeadLetterPositions, formatDeadLetterId, parseDeadLetterId } from './dead-letter-id.js';
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
import { silentLogger, type EventLogger } from './logger.js';
import { noopEventMetrics, type EventMetrics } from './metrics.js';
import { ALL_EVENT_STREAMS, streamOf, type EventStream } from './streams.js';
import { GroupTypeRegistry, resolveSubscription, type SubscriptionDefaults } from './subscription-options.js';
import { SubscriptionRunner } from './subscription-runner.js';
import type { DeadLetterFailure, InboundMessage, ReleasedMessage, SubscriptionTransport } from './subscription-transport.js';

export interface InProcessBusOptions {
  /** Entries kept per stream for groups that subscribe later (like Redis MAXLEN). Default 100000. */
  maxLen?: number;
  /** Dead letters kept per stream. Default 100000. */
  deadLetterMaxLen?: number;
  /** How often consumerLag is reported. Default 15000 ms. */
  lagReportIntervalMs?: number;
  subscriptionDefaults?: SubscriptionDefaults;
  metrics?: EventMetrics;
  logger?: EventLogger;
}

interface StoredEntry {
  seq: number;
  id: string;
  stream: EventStream;
  /** Kept as JSON text, as on Redis, so handlers never share (or mutate) the publisher's objects. */
  payload: string;
  targetGroup: string | null;
}

interface HeldEntry {
  entry: StoredEntry;
  /** Attempts spent by earlier deliveries of this entry. */
  attempts: number;
}

/** Where one group stands on one stream: the Redis consumer group, in memory. */
interface GroupPosition {
  lastDeliveredSeq: number;
  /** Delivered, not yet acknowledged (the pending entries list). */
  pending: Map<number, HeldEntry>;
  /** Given back by a stopped subscription; delivered again before anything new. */
  returned: HeldEntry[];
}

type DeadLetterRecord = DeadLetter & { entryId: string };

/**
 * The bus for the one-process embedded mode: the same semantics as RedisStreamsBus (per-group
 * delivery, at-least-once within the process, subject lanes, retries, dead letters, replay,
 * validation), without Redis. Events live in memory, so anything not yet handled when the process
 * dies is gone; the embedded mode accepts that in exchange for needing no infrastructure.
 */
export class InProcessBus implements EventBus {
  private readonly logs = new Map<EventStream, StoredEntry[]>();
  private readonly positions = new Map<string, GroupPosition>();
  private readonly deadLetters = new Map<EventStream, DeadLetterRecord[]>();
  private readonly activityWaiters = new Set<() => void>();
  private readonly registry = new GroupTypeRegistry();
  private readonly subscriptions = new Set<Subscription>();
  private readonly maxLen: number;
  private readonly deadLetterMaxLen: number;
  private readonly lagReportIntervalMs: number;
  private readonly defaults: SubscriptionDefaults;
  private readonly metrics: EventMetrics;
  private readonly logger: EventLogger;
  private nextSeq = 1;
  private nextDeadLetterSeq = 0;
  private closed = false;

  constructor(options: InProcessBusOptions = {}) {
    this.maxLen = options.maxLen ?? 100_000;
    this.deadLetterMaxLen = options.deadLetterMaxLen ?? 100_000;
    this.lagReportIntervalMs = options.lagReportIntervalMs ?? 15_000;
    this.defaults = options.subscriptionDefaults ?? {};
    this.metrics = options.metrics ?? noopEventMetrics;
    this.logger = options.logger ?? silentLogger;
  }

  publish(events: readonly EventEnvelope[]): Promise<void> {
    return this.publishSerialized(events.map((event) => ({ type: event.type, json: JSON.stringify(event) })));
  }

  async publishSerialized(events: readonly SerializedEvent[]): Promise<void> {
    const unknown = events.findIndex((event) => !isEventType(event.type));
    if (unknown >= 0) throw new PublishError(`cannot publish unknown event type "${events[unknown]!.type}"`, 0);
    for (const event of events) {
      this.append(streamOf(event.type as EventType), event.json, null);
      this.metrics.published(event.type);
    }
    this.signalActivity();
  }

  async subscribe<T extends EventType>(options: SubscribeOptions<T>): Promise<Subscription> {
    if (this.closed) throw new Error('subscribe: the bus is closed');
    const resolved = resolveSubscription(options, this.defaults);
    this.registry.register(resolved);
    for (const stream of resolved.streams) this.position(resolved.group, stream, resolved.startFrom);
    const transport = new InProcessTransport(this, resolved.group, resolved.streams);
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
    const after = options.after === undefined ? null : parseDeadLetterId(options.after);
    if (options.after !== undefined && !after) return [];
    const streams = options.stream ? [options.stream] : ALL_EVENT_STREAMS;
    return streams
      .flatMap((stream) => (this.deadLetters.get(stream) ?? []).map((record) => ({ record, position: { stream, entryId: record.entryId } })))
      .filter(({ position }) => !after || compareDeadLetterPositions(position, after) > 0)
      .sort((a, b) => compareDeadLetterPositions(a.position, b.position))
      .slice(0, options.limit ?? 100)
      .map(({ record }) => record)
      .map((record) => {
        const letter: Partial<DeadLetterRecord> = { ...record };
        delete letter.entryId;
        return letter as DeadLetter;
      });
  }

  async replayDeadLetter(id: string): Promise<boolean> {
    const parsed = parseDeadLetterId(id);
    if (!parsed) return false;
    const letters = this.deadLetters.get(parsed.stream) ?? [];
    const index = letters.findIndex((letter) => letter.entryId === parsed.entryId);
    if (index < 0) return false;
    const [letter] = letters.splice(index, 1);
    this.append(parsed.stream, letter!.payload, letter!.group);
    this.signalActivity();
    return true;
  }

  async replayAllDeadLetters(stream?: EventStream): Promise<number> {
    let replayed = 0;
    for (const each of stream ? [stream] : ALL_EVENT_STREAMS) {
      const ids = (this.deadLetters.get(each) ?? []).map((letter) => letter.id);
      for (const id of ids) if (await this.replayDeadLetter(id)) replayed += 1;
    }
    return replayed;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  /** @internal used by the transport */
  take(group: string, streams: readonly EventStream[], maxCount: number): InboundMessage[] {
    const taken: InboundMessage[] = [];
    for (const stream of streams) {
      const position = this.position(group, stream);
      while (taken.length < maxCount && position.returned.length > 0) {
        const held = position.returned.shift()!;
        position.pending.set(held.entry.seq, held);
        taken.push(toInbound(held));
      }
      const log = this.logs.get(stream) ?? [];
      // Sequence numbers are global across streams, so one stream's log has gaps: find the first
      // entry after the group's position by seq, not by offset. Entries trimmed before this group
      // read them are skipped, as Redis would.
      let index = firstAfter(log, position.lastDeliveredSeq);
      while (taken.length < maxCount && index < log.length) {
        const entry = log[index]!;
        index += 1;
        position.lastDeliveredSeq = entry.seq;
        const held = { entry, attempts: 0 };
        position.pending.set(entry.seq, held);
        taken.push(toInbound(held));
      }
    }
    return taken;
  }

  /** @internal */
  acknowledge(group: string, message: InboundMessage): HeldEntry | undefined {
    const position = this.position(group, message.stream);
    const held = position.pending.get(seqOf(message.deliveryId));
    position.pending.delete(seqOf(message.deliveryId));
    return held;
  }

  /** @internal */
  addDeadLetter(group: string, message: InboundMessage, failure: DeadLetterFailure): void {
    this.acknowledge(group, message);
    const letters = this.deadLetters.get(message.stream) ?? [];
    this.nextDeadLetterSeq += 1;
    const entryId = `${Date.now()}-${this.nextDeadLetterSeq}`;
    letters.push({
      id: formatDeadLetterId(message.stream, entryId),
      entryId,
      stream: message.stream,
      group,
      eventId: failure.eventId,
      type: failure.type,
      payload: message.payload,
      error: failure.error,
      attempts: failure.attempts,
      failedAt: new Date().toISOString(),
      originalEntryId: message.deliveryId,
    });
    if (letters.length > this.deadLetterMaxLen) letters.splice(0, letters.length - this.deadLetterMaxLen);
    this.deadLetters.set(message.stream, letters);
  }

  /** @internal */
  giveBack(group: string, released: ReleasedMessage[]): void {
    for (const { message, attemptsMade } of released) {
      const held = this.acknowledge(group, message);
      if (!held) continue;
      const position = this.position(group, message.stream);
      position.returned.push({ entry: held.entry, attempts: held.attempts + attemptsMade });
      position.returned.sort((a, b) => a.entry.seq - b.entry.seq);
    }
    this.signalActivity();
  }

  /** @internal */
  reportLag(group: string, streams: readonly EventStream[]): void {
    for (const stream of streams) {
      const position = this.position(group, stream);
      const log = this.logs.get(stream) ?? [];
      const undelivered = log.filter((entry) => entry.seq > position.lastDeliveredSeq).length;
      this.metrics.consumerLag(group, stream, undelivered + position.pending.size + position.returned.length);
    }
  }

  /** @internal resolves on the next publish, replay or release, or after maxWaitMs */
  waitForActivity(maxWaitMs: number): { promise: Promise<void>; cancel: () => void } {
    let wake: () => void = () => {};
    const promise = new Promise<void>((resolve) => {
      const timer = setTimeout(() => wake(), maxWaitMs);
      wake = () => {
        clearTimeout(timer);
        this.activityWaiters.delete(wake);
        resolve();
      };
      this.activityWaiters.add(wake);
    });
    return { promise, cancel: () => wake() };
  }

  get lagReportInterval(): number {
    return this.lagReportIntervalMs;
  }

  private append(stream: EventStream, payload: string, targetGroup: string | null): void {
    const log = this.logs.get(stream) ?? [];
    const seq = this.nextSeq;
    this.nextSeq += 1;
    log.push({ seq, id: `${seq}-0`, stream, payload, targetGroup });
    // Trim in chunks: splicing the head on every append would make publishing O(n).
    if (log.length > this.maxLen + Math.max(1, Math.floor(this.maxLen / 10))) log.splice(0, log.length - this.maxLen);
    this.logs.set(stream, log);
  }

  private position(group: string, stream: EventStream, startFrom: 'beginning' | 'latest' = 'beginning'): GroupPosition {
    const key = `${group}\u0000${stream}`;
    let position = this.positions.get(key);
    if (!position) {
      // Like XGROUP CREATE with "0" (oldest retained entry) or "$" (only what comes next).
      const lastDeliveredSeq = startFrom === 'latest' ? (this.logs.get(stream)?.at(-1)?.seq ?? 0) : 0;
      position = { lastDeliveredSeq, pending: new Map(), returned: [] };
      this.positions.set(key, position);
    }
    return position;
  }

  private signalActivity(): void {
    for (const wake of [...this.activityWaiters]) wake();
  }
}

class InProcessTransport implements SubscriptionTransport {
  private interrupted = false;
  private cancelWait: (() => void) | null = null;
  private nextLagReportAt = 0;

  constructor(
    private readonly bus: InProcessBus,
    private readonly group: string,
    private readonly streams: readonly EventStream[],
  ) {}

  async fetch(maxCount: number): Promise<InboundMessage[]> {
    while (!this.interrupted) {
      if (Date.now() >= this.nextLagReportAt) {
        this.nextLagReportAt = Date.now() + this.bus.lagReportInterval;
        this.bus.reportLag(this.group, this.streams);
      }
      const taken = this.bus.take(this.group, this.streams, maxCount);
      if (taken.length > 0) return taken;
      const wait = this.bus.waitForActivity(1_000);
      this.cancelWait = wait.cancel;
      await wait.promise;
      this.cancelWait = null;
    }
    return [];
  }

  async ack(messages: readonly InboundMessage[]): Promise<void> {
    for (const message of messages) this.bus.acknowledge(this.group, message);
  }

  async deadLetter(message: InboundMessage, failure: DeadLetterFailure): Promise<void> {
    this.bus.addDeadLetter(this.group, message, failure);
  }

  async release(messages: ReleasedMessage[]): Promise<void> {
    this.bus.giveBack(this.group, messages);
  }

  async interrupt(): Promise<void> {
    this.interrupted = true;
    this.cancelWait?.();
  }

  async close(): Promise<void> {}
}

/** Index of the first entry with seq > `seq` in a log sorted by seq (binary search). */
function firstAfter(log: readonly { seq: number }[], seq: number): number {
  let low = 0;
  let high = log.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (log[mid]!.seq <= seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

function toInbound(held: HeldEntry): InboundMessage {
  return {
    deliveryId: held.entry.id,
    stream: held.entry.stream,
    payload: held.entry.payload,
    targetGroup: held.entry.targetGroup,
    previousAttempts: held.attempts,
  };
}

function seqOf(deliveryId: string): number {
  return Number(deliveryId.split('-')[0]);
}

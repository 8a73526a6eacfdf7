import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { LIVE_CHANNELS, type LivePubSub, type NotificationAddedMessage, type ReleaseFeedMessage } from '@mrt/events';
import type { AuthUser } from '@mrt/graphql-kit';
import type { Logger } from '@mrt/platform';
import { withKey, type LiveOperation } from './live-operation.js';
import type { LiveDelivery } from './live-delivery.js';
import { NextFrame } from './next-frame.js';

/** Whose credentials a pushed key is resolved with: the subscriber's, or nobody's for public feeds. */
export interface Credentials {
  user: AuthUser;
  token: string;
  clientIp: string | null;
}

/** Runs a query through the supergraph (the gateway's own Apollo Server, plugins and limits included). */
export type LiveExecutor = (query: string, variables: Record<string, unknown>, credentials: Credentials | null) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

export interface LiveSubscriber {
  operation: LiveOperation;
  delivery: LiveDelivery;
  credentials: Credentials | null;
}

/**
 * Pushed to every live subscriber when delivery resumes after a Redis outage: pushes published
 * meanwhile were lost, so the client should refetch what it shows (e.g. the unread count).
 * A `next` message with no data and this error code; the subscription itself stays open.
 */
export const LIVE_RESYNC_CODE = 'LIVE_RESYNC';

/**
 * Routes live messages to this gateway's subscribers. Each message carries keys only; the
 * subscriber's selection is resolved through the supergraph with the subscription's arguments,
 * and a null answer means "not for this subscriber" (the owning subgraph decides: `notification(id)`
 * for someone else's, `releaseFeedEvent(id, filter)` for news the filter leaves out). Private
 * pushes run with each subscriber's own credentials; the public feed is resolved anonymously,
 * once per distinct (event, selection, variables and arguments), however many share them, and
 * its answer is serialised once into the `next` frame every subscriber of the group is sent.
 */
export class LiveHub {
  private readonly byUser = new Map<string, Set<LiveSubscriber>>();
  /** Feed subscribers grouped by derived query and variables (arguments included): one resolution per group. */
  private readonly feed = new Map<string, Set<LiveSubscriber>>();
  private unsubscribe: (() => Promise<void>)[] = [];
  /** Resolutions started and not yet pushed: shutdown waits for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly live: LivePubSub,
    private readonly execute: LiveExecutor,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const stopResume = this.live.onResume(() => this.signalResync());
    this.unsubscribe.push(
      async () => stopResume(),
      await this.live.subscribe(LIVE_CHANNELS.notificationAdded, (message) => this.track(this.onNotification(message as NotificationAddedMessage))),
      await this.live.subscribe(LIVE_CHANNELS.releaseFeed, (message) => this.track(this.onReleaseFeed(message as ReleaseFeedMessage))),
    );
  }

  async stop(): Promise<void> {
    const unsubscribe = this.unsubscribe.splice(0);
    await Promise.all(unsubscribe.map((fn) => fn()));
    await Promise.all([...this.inFlight]);
  }

  add(subscriber: LiveSubscriber): void {
    if (subscriber.operation.field === 'releaseFeed') {
      const key = groupKey(subscriber.operation);
      let group = this.feed.get(key);
      if (!group) this.feed.set(key, (group = new Set()));
      group.add(subscriber);
      return;
    }
    const userId = subscriber.credentials!.user.id;
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(subscriber);
  }

  remove(subscriber: LiveSubscriber): void {
    if (subscriber.operation.field === 'releaseFeed') {
      const key = groupKey(subscriber.operation);
      const group = this.feed.get(key);
      group?.delete(subscriber);
      if (group?.size === 0) this.feed.delete(key);
      return;
    }
    const userId = subscriber.credentials?.user.id;
    if (!userId) return;
    const set = this.byUser.get(userId);
    set?.delete(subscriber);
    if (set?.size === 0) this.byUser.delete(userId);
  }

  get size(): number {
    let total = 0;
    for (const set of [...this.feed.values(), ...this.byUser.values()]) total += set.size;
    return total;
  }

  /** Every subscriber may have missed pushes: tell each to refetch rather than stay silently stale. */
  private signalResync(): void {
    const subscribers = [...this.feed.values(), ...this.byUser.values()].flatMap((set) => [...set]);
    this.logger.warn({ subscribers: subscribers.length }, 'live delivery resumed after an interruption: asking subscribers to refetch');
    const signal = new NextFrame({
      data: null,
      errors: [
        new GraphQLError('Live updates were interrupted and some may have been missed: refetch to catch up', {
          extensions: { code: LIVE_RESYNC_CODE },
        }),
      ],
    });
    for (const subscriber of subscribers) subscriber.delivery.send(signal);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.logger.warn({ err: error }, 'live push failed'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private async onNotification(message: NotificationAddedMessage): Promise<void> {
    if (typeof message?.id !== 'string' || typeof message.userId !== 'string') return;
    const subscribers = [...(this.byUser.get(message.userId) ?? [])];
    await Promise.all(
      subscribers.map(async (subscriber) => {
        const result = await this.execute(subscriber.operation.query, withKey(subscriber.operation, message.id), subscriber.credentials);
        // Null without errors: not this subscriber's notification (the supergraph decided, not the message).
        if (!result.errors?.length && !result.data?.[subscriber.operation.responseKey]) return;
        subscriber.delivery.send(new NextFrame(toExecutionResult(result)));
      }),
    );
  }

  private async onReleaseFeed(message: ReleaseFeedMessage): Promise<void> {
    if (typeof message?.id !== 'string') return;
    await Promise.all(
      [...this.feed.values()].map(async (group) => {
        const { operation } = group.values().next().value!;
        const result = await this.execute(operation.query, withKey(operation, message.id), null);
        // Null without errors: not news for this group's filter (the notifications subgraph decided).
        if (!result.errors?.length && !result.data?.[operation.responseKey]) return;
        const frame = new NextFrame(toExecutionResult(result));
        for (const subscriber of group) subscriber.delivery.send(frame);
      }),
    );
  }
}

/** Subscribers with equal derived queries and variables get the same answer for every key. */
function groupKey(operation: LiveOperation): string {
  return `${operation.query}\u0000${JSON.stringify(operation.variables)}`;
}

/** graphql-ws serialises errors with toJSON: give it GraphQLErrors, not formatted plain objects. */
function toExecutionResult(result: { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }): ExecutionResult {
  return {
    data: result.data ?? null,
    ...(result.errors?.length
      ? { errors: result.errors.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions })) }
      : {}),
  };
}

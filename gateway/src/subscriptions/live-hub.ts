import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { LIVE_CHANNELS, type LivePubSub, type NotificationAddedMessage, type ReleaseFeedMessage } from '@mrt/events';
import type { AuthUser } from '@mrt/graphql-kit';
import type { Logger } from '@mrt/platform';
import { withKey, type LiveOperation } from './live-operation.js';
import type { LiveQueue } from './live-queue.js';

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
  queue: LiveQueue;
  credentials: Credentials | null;
}

/**
 * Pushed to every live subscriber when delivery resumes after a Redis outage: pushes published
 * meanwhile were lost, so the client should refetch what it shows (e.g. the unread count).
 * A `next` message with no data and this error code; the subscription itself stays open.
 */
export const LIVE_RESYNC_CODE = 'LIVE_RESYNC';

export interface ReleaseFeedFilter {
  bandIds?: string[] | null;
  genreIds?: string[] | null;
  formats?: string[] | null;
  kinds?: string[] | null;
}

/**
 * Routes live messages to this gateway's subscribers. Each message carries keys only; the
 * subscriber's selection is resolved through the supergraph. Private pushes run with each
 * subscriber's own credentials (and `notification(id)` answers null for someone else's);
 * the public feed is resolved anonymously, once per distinct (event, selection, variables).
 */
export class LiveHub {
  private readonly byUser = new Map<string, Set<LiveSubscriber>>();
  private readonly feed = new Set<LiveSubscriber>();
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
      this.feed.add(subscriber);
      return;
    }
    const userId = subscriber.credentials!.user.id;
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(subscriber);
  }

  remove(subscriber: LiveSubscriber): void {
    this.feed.delete(subscriber);
    const userId = subscriber.credentials?.user.id;
    if (!userId) return;
    const set = this.byUser.get(userId);
    set?.delete(subscriber);
    if (set?.size === 0) this.byUser.delete(userId);
  }

  get size(): number {
    let total = this.feed.size;
    for (const set of this.byUser.values()) total += set.size;
    return total;
  }

  /** Every subscriber may have missed pushes: tell each to refetch rather than stay silently stale. */
  private signalResync(): void {
    const subscribers = [...this.feed, ...[...this.byUser.values()].flatMap((set) => [...set])];
    this.logger.warn({ subscribers: subscribers.length }, 'live delivery resumed after an interruption: asking subscribers to refetch');
    const signal: ExecutionResult = {
      data: null,
      errors: [
        new GraphQLError('Live updates were interrupted and some may have been missed: refetch to catch up', {
          extensions: { code: LIVE_RESYNC_CODE },
        }),
      ],
    };
    for (const subscriber of subscribers) subscriber.queue.push(signal);
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
        subscriber.queue.push(toExecutionResult(result));
      }),
    );
  }

  private async onReleaseFeed(message: ReleaseFeedMessage): Promise<void> {
    if (typeof message?.id !== 'string') return;
    const groups = new Map<string, LiveSubscriber[]>();
    for (const subscriber of this.feed) {
      if (!feedMatches(subscriber.operation.args.filter as ReleaseFeedFilter | null | undefined, message)) continue;
      const key = `${subscriber.operation.query}\u0000${JSON.stringify(subscriber.operation.variables)}`;
      const group = groups.get(key);
      if (group) group.push(subscriber);
      else groups.set(key, [subscriber]);
    }
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const { operation } = group[0]!;
        const result = await this.execute(operation.query, withKey(operation, message.id), null);
        if (!result.errors?.length && !result.data?.[operation.responseKey]) return;
        for (const subscriber of group) subscriber.queue.push(toExecutionResult(result));
      }),
    );
  }
}

/** Every given list must match (a list matches any of its values); absent lists match all. */
export function feedMatches(filter: ReleaseFeedFilter | null | undefined, message: ReleaseFeedMessage): boolean {
  if (!filter) return true;
  if (filter.kinds?.length && !filter.kinds.includes(message.kind)) return false;
  if (filter.bandIds?.length && !message.bandIds.some((id) => filter.bandIds!.includes(id))) return false;
  if (filter.genreIds?.length && !message.genreIds.some((id) => filter.genreIds!.includes(id))) return false;
  if (filter.formats?.length && (!message.format || !filter.formats.includes(message.format))) return false;
  return true;
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

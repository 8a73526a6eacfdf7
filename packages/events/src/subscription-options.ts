import { DEFAULT_BACKOFF, resolveBackoff, type BackoffOptions } from './backoff.js';
import type { AnyEvent } from './envelope.js';
import type { BatchEventHandler, EventHandler, SubscribeOptions } from './event-bus.js';
import { isEventType, type EventType } from './event-schemas.js';
import { streamsOf, type EventStream } from './streams.js';

/** A subscription's options after validation and defaults, as the SubscriptionRunner reads them. */
export interface ResolvedSubscription {
  group: string;
  types: ReadonlySet<EventType>;
  streams: EventStream[];
  /** A per-event handler is a batch handler of batchSize 1, so the runner has one path. */
  handler: BatchEventHandler<AnyEvent>;
  batchSize: number;
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
export const DEFAULT_BATCH_SIZE = 100;

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
  const { handler, batchSize } = resolveHandler(options);
  const prefetch = options.prefetch ?? defaults.prefetch ?? Math.max(16, concurrency * 4, batchSize * concurrency * 2);
  if (!Number.isInteger(prefetch) || prefetch < 1) throw new Error('subscribe: prefetch must be an integer >= 1');
  return {
    group: options.group,
    types: new Set(options.types),
    streams: streamsOf(options.types),
    handler,
    batchSize,
    concurrency,
    maxAttempts,
    backoff: resolveBackoff(options.backoff, resolveBackoff(defaults.backoff, DEFAULT_BACKOFF)),
    prefetch,
    startFrom: options.startFrom ?? 'beginning',
    removeGroupOnStop: options.removeGroupOnStop ?? false,
  };
}

function resolveHandler<T extends EventType>(options: SubscribeOptions<T>): { handler: BatchEventHandler<AnyEvent>; batchSize: number } {
  // The runner only passes events whose type is in `types`, so widening the handlers is safe.
  if (options.batchHandler && options.handler) throw new Error('subscribe: give either handler or batchHandler, not both');
  if (options.batchHandler) {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('subscribe: batchSize must be an integer >= 1');
    return { handler: options.batchHandler as BatchEventHandler<AnyEvent>, batchSize };
  }
  if (!options.handler) throw new Error('subscribe: a handler or a batchHandler is required');
  const handle = options.handler as EventHandler<AnyEvent>;
  return { handler: ([entry]) => handle(entry!.event, entry!.ctx), batchSize: 1 };
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

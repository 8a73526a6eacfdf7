/**
 * What the event backbone reports. The library has no metrics dependency: the platform package
 * adapts this interface to prom-client (counters, histogram, gauges).
 */
export interface EventMetrics {
  /** An event was appended to its stream. */
  published(type: string): void;
  /** A handler completed; durationMs is the successful attempt's duration. */
  handled(group: string, type: string, durationMs: number): void;
  /** A handler attempt threw. */
  failed(group: string, type: string): void;
  /** A failed attempt will be retried after a backoff. */
  retried(group: string, type: string): void;
  /** An event was moved to the dead-letter stream. */
  deadLettered(group: string, type: string): void;
  /** Events in `stream` that `group` has not acknowledged yet (undelivered + in flight). */
  consumerLag(group: string, stream: string, n: number): void;
  /** Age of the oldest unpublished outbox row; 0 when the outbox is drained. */
  relayLag(seconds: number, relay: string): void;
  /** Outbox rows not published yet; 0 when the outbox is drained. */
  outboxDepth(rows: number, relay: string): void;
  /** A Redis connection of the backbone (bus, live pub/sub) reported an error. */
  redisError(connection: string): void;
}

export const noopEventMetrics: EventMetrics = {
  published: () => {},
  handled: () => {},
  failed: () => {},
  retried: () => {},
  deadLettered: () => {},
  consumerLag: () => {},
  relayLag: () => {},
  outboxDepth: () => {},
  redisError: () => {},
};

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * prom-client series for the event backbone. Structurally the EventMetrics interface of
 * @mrt/events, which stays free of any metrics dependency.
 */
export function createEventMetrics(registry: Registry) {
  const registers = [registry];
  // The bus and the live pub/sub of one process report into one registry: the second asks for
  // the series the first registered instead of failing on a duplicate name.
  const reuse = <T>(name: string, create: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? create();
  const counter = (name: string, help: string, labelNames: string[]) =>
    reuse(name, () => new Counter({ name, help, labelNames, registers }));
  const gauge = (name: string, help: string, labelNames: string[]) => reuse(name, () => new Gauge({ name, help, labelNames, registers }));
  const published = counter('events_published_total', 'Events appended to their stream', ['type']);
  const handled = counter('events_handled_total', 'Events handled successfully', ['group', 'type']);
  const failed = counter('events_failed_total', 'Handler attempts that threw', ['group', 'type']);
  const retried = counter('events_retried_total', 'Failed attempts scheduled for retry', ['group', 'type']);
  const deadLettered = counter('events_dead_lettered_total', 'Events moved to a dead-letter stream', ['group', 'type']);
  const duration = reuse(
    'events_handling_duration_seconds',
    () =>
      new Histogram({
        name: 'events_handling_duration_seconds',
        help: 'Duration of successful handler attempts',
        labelNames: ['group', 'type'],
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers,
      }),
  );
  const lag = gauge('events_consumer_lag', 'Events a group has not acknowledged yet', ['group', 'stream']);
  const relayLag = gauge('events_relay_lag_seconds', 'Age of the oldest unpublished outbox row', ['relay']);
  const outboxDepth = gauge('events_outbox_depth', 'Outbox rows not published yet', ['relay']);
  const redisErrors = counter('events_redis_errors_total', "Errors on the backbone's Redis connections (bus, live pub/sub)", ['connection']);
  return {
    published: (type: string) => published.inc({ type }),
    handled: (group: string, type: string, durationMs: number) => {
      handled.inc({ group, type });
      duration.observe({ group, type }, durationMs / 1000);
    },
    failed: (group: string, type: string) => failed.inc({ group, type }),
    retried: (group: string, type: string) => retried.inc({ group, type }),
    deadLettered: (group: string, type: string) => deadLettered.inc({ group, type }),
    consumerLag: (group: string, stream: string, n: number) => lag.set({ group, stream }, n),
    relayLag: (seconds: number, relay: string) => relayLag.set({ relay }, seconds),
    outboxDepth: (rows: number, relay: string) => outboxDepth.set({ relay }, rows),
    redisError: (connection: string) => redisErrors.inc({ connection }),
  };
}

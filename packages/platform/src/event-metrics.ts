import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * prom-client series for the event backbone. Structurally the EventMetrics interface of
 * @mrt/events, which stays free of any metrics dependency.
 */
export function createEventMetrics(registry: Registry) {
  const registers = [registry];
  const published = new Counter({ name: 'events_published_total', help: 'Events appended to their stream', labelNames: ['type'], registers });
  const handled = new Counter({ name: 'events_handled_total', help: 'Events handled successfully', labelNames: ['group', 'type'], registers });
  const failed = new Counter({ name: 'events_failed_total', help: 'Handler attempts that threw', labelNames: ['group', 'type'], registers });
  const retried = new Counter({ name: 'events_retried_total', help: 'Failed attempts scheduled for retry', labelNames: ['group', 'type'], registers });
  const deadLettered = new Counter({ name: 'events_dead_lettered_total', help: 'Events moved to a dead-letter stream', labelNames: ['group', 'type'], registers });
  const duration = new Histogram({
    name: 'events_handling_duration_seconds',
    help: 'Duration of successful handler attempts',
    labelNames: ['group', 'type'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const lag = new Gauge({ name: 'events_consumer_lag', help: 'Events a group has not acknowledged yet', labelNames: ['group', 'stream'], registers });
  const relayLag = new Gauge({ name: 'events_relay_lag_seconds', help: 'Age of the oldest unpublished outbox row', labelNames: ['relay'], registers });
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
  };
}

import { Counter, type Registry } from 'prom-client';

/** How one delivery attempt ended: handed to the channel, scheduled again, or given up. */
export type DeliveryOutcome = 'sent' | 'retried' | 'failed';

export interface DeliveryMetrics {
  attempted(channel: string, outcome: DeliveryOutcome): void;
}

const NAME = 'notification_deliveries_total';

/** Deliveries per channel and outcome on the service's /metrics, beside the platform's series. */
export function createDeliveryMetrics(registry: Registry): DeliveryMetrics {
  // A second dispatcher on the same registry (a spec's second worker) counts into the same series.
  const deliveries =
    (registry.getSingleMetric(NAME) as Counter<'channel' | 'outcome'> | undefined) ??
    new Counter({ name: NAME, help: 'Notification delivery attempts by channel and outcome (sent, retried, failed)', labelNames: ['channel', 'outcome'], registers: [registry] });
  return { attempted: (channel, outcome) => deliveries.inc({ channel, outcome }) };
}

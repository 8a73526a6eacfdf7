import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BreakerState } from '../resilience/circuit-breaker.js';

/**
 * The gateway's own series beside the platform's HTTP ones: per operation name, per subgraph,
 * and for the WebSocket subscriptions (the subscription server updates those two).
 */
export interface GatewayMetrics {
  operations: Counter<'operation' | 'type' | 'outcome'>;
  operationDuration: Histogram<'operation' | 'type'>;
  operationErrors: Counter<'operation' | 'code'>;
  subgraphRequests: Counter<'subgraph' | 'outcome'>;
  subgraphDuration: Histogram<'subgraph'>;
  subgraphRetries: Counter<'subgraph'>;
  /** Query fetches that joined an identical one already in flight instead of reaching the subgraph. */
  subgraphFetchesShared: Counter<'subgraph'>;
  circuitState: Gauge<'subgraph'>;
  rateLimited: Counter<'caller'>;
  /** Work done without Redis while it was unreachable, by feature (rate_limit, apq). */
  redisFallbacks: Counter<'feature'>;
  /** Shareable queries by how they were answered: hit (cache), shared (joined one in flight), miss. */
  responseCache: Counter<'outcome'>;
  /** Queries waiting right now for an identical one in flight to answer them. */
  responseCacheWaiting: Gauge;
  subscriptionConnections: Gauge;
  subscriptionEvents: Counter<'subscription'>;
  /** Bounds the operation label: client-chosen names could otherwise create unbounded series. */
  operationLabel(name: string | null | undefined): string;
}

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const CIRCUIT_STATE_VALUES: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export function createGatewayMetrics(registry: Registry, { maxOperationNames = 500 } = {}): GatewayMetrics {
  const registers = [registry];
  const known = new Set<string>();
  return {
    operations: new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations by name, type and outcome (ok, error)',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    }),
    operationDuration: new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operation duration in seconds, by name and type',
      labelNames: ['operation', 'type'],
      buckets: BUCKETS,
      registers,
    }),
    operationErrors: new Counter({
      name: 'graphql_operation_errors_total',
      help: 'Errors returned to clients, by operation name and error code',
      labelNames: ['operation', 'code'],
      registers,
    }),
    subgraphRequests: new Counter({
      name: 'subgraph_requests_total',
      help: 'Requests from the gateway to each subgraph, by outcome (ok, error, timeout, circuit_open)',
      labelNames: ['subgraph', 'outcome'],
      registers,
    }),
    subgraphDuration: new Histogram({
      name: 'subgraph_request_duration_seconds',
      help: 'Duration of the gateway\'s requests to each subgraph in seconds',
      labelNames: ['subgraph'],
      buckets: BUCKETS,
      registers,
    }),
    subgraphRetries: new Counter({ name: 'subgraph_retries_total', help: 'Query fetches retried after a transient subgraph failure', labelNames: ['subgraph'], registers }),
    subgraphFetchesShared: new Counter({
      name: 'subgraph_fetches_shared_total',
      help: 'Query fetches answered by joining an identical fetch in flight',
      labelNames: ['subgraph'],
      registers,
    }),
    circuitState: new Gauge({ name: 'subgraph_circuit_state', help: 'Circuit breaker per subgraph: 0 closed, 1 half-open, 2 open', labelNames: ['subgraph'], registers }),
    rateLimited: new Counter({ name: 'gateway_rate_limited_total', help: 'Requests refused with RATE_LIMITED, by caller kind', labelNames: ['caller'], registers }),
    redisFallbacks: new Counter({
      name: 'gateway_redis_fallbacks_total',
      help: 'Requests served without Redis while it was unreachable, by feature (rate_limit: local budget, apq: cache miss)',
      labelNames: ['feature'],
      registers,
    }),
    responseCache: new Counter({
      name: 'gateway_response_cache_total',
      help: 'Anonymous queries of public data by how they were answered (hit, shared, miss)',
      labelNames: ['outcome'],
      registers,
    }),
    responseCacheWaiting: new Gauge({
      name: 'gateway_response_cache_waiting',
      help: 'Anonymous queries of public data waiting for an identical query in flight to answer them',
      registers,
    }),
    subscriptionConnections: new Gauge({ name: 'graphql_subscription_connections', help: 'Open WebSocket subscription connections', registers }),
    subscriptionEvents: new Counter({ name: 'graphql_subscription_events_total', help: 'Events pushed to subscribers, by subscription field', labelNames: ['subscription'], registers }),
    operationLabel(name) {
      if (!name || !OPERATION_NAME.test(name)) return '(anonymous)';
      if (known.has(name)) return name;
      if (known.size >= maxOperationNames) return '(other)';
      known.add(name);
      return name;
    },
  };
}

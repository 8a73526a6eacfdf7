export * from './context.js';
export * from './env.js';
export * from './forwarding-data-source.js';
export * from './server.js';
export * from './start.js';
export * from './settings.js';
// The operation limits moved to graphql-kit (subgraphs apply them too); their names stay here.
export {
  DEFAULT_OPERATION_LIMITS,
  LIMIT_CODES,
  OperationLimitError,
  checkOperationLimits,
  countTokens,
  type CheckOperationInput,
  type OperationLimits,
} from '@mrt/graphql-kit';
export * from './observability/gateway-metrics.js';
export * from './persisted/trusted-documents.js';
export * from './rate-limit/rate-limit.js';
export * from './resilience/circuit-breaker.js';
export * from './resilience/resilient-data-source.js';
export * from './resilience/supergraph-source.js';
export * from './subscriptions/index.js';

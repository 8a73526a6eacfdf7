export { createPoliteFetcher, type SharedHostGates } from './polite-fetcher.js';
export { HostGate } from './host-gate.js';
export { DEFAULT_USER_AGENT, ROBOTS_PRODUCT_TOKEN, politeFetcherOptionsSchema, type PoliteFetcherOptions, type PoliteFetcherOptionsInput } from './options.js';
export { isAllowed, parseRobotsPolicy, parseRobotsTxt, selectPolicy, type RobotsGroup, type RobotsPolicy, type RobotsRule } from './robots.js';
export { parseRetryAfter } from './retry-after.js';
export type {
  ConditionalRequest,
  FailureReason,
  FetchedHeaders,
  FetchFailed,
  FetchNotModified,
  FetchOk,
  FetchOutcome,
  FetchSkipped,
  PoliteFetcher,
  SkipReason,
} from './types.js';

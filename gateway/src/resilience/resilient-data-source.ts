import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { ForwardingDataSource } from '../forwarding-data-source.js';
import type { SubgraphFetchCache } from '../response-cache/fetch-cache.js';
import { CIRCUIT_STATE_VALUES, type GatewayMetrics } from '../observability/gateway-metrics.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { SubgraphTimeoutError, type Fetcher } from './pooled-fetcher.js';

export interface SubgraphPolicy {
  /** Extra attempts of a query fetch after a transient failure; mutations are never retried. */
  retries: number;
  /** First backoff; doubled per attempt, with full jitter. */
  retryBaseMs: number;
  breakerFailureThreshold: number;
  breakerResetMs: number;
  /**
   * Identical query fetches in flight at once (same document, variables and credentials) go to
   * the subgraph once; every waiter gets its own copy of the answer.
   */
  deduplicateFetches?: boolean;
}

interface SharedFetch {
  followers: number;
  response: ReturnType<ForwardingDataSource['process']>;
}

/** What the client sees for a subgraph that failed: the rest of the response still arrives. */
export class SubgraphUnavailableError extends GraphQLError {
  constructor(subgraph: string, reason: string) {
    super(`Subgraph "${subgraph}" is unavailable (${reason}); fields it serves are null`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph, reason },
    });
  }
}

/**
 * Forwarding plus the per-subgraph protections: bounded pool and timeout (the fetcher), retries
 * with backoff for queries only, and a circuit breaker. A failure becomes one clear error for
 * the fields that subgraph serves; @apollo/gateway still returns everything the others resolved.
 */
export class ResilientDataSource extends ForwardingDataSource {
  readonly breaker: CircuitBreaker;
  private readonly inFlight = new Map<string, SharedFetch>();
  /** This subgraph's label sets, built once: every fetch records its duration and outcome. */
  private readonly labels: { subgraph: string };
  private readonly okLabels: { subgraph: string; outcome: 'ok' };

  constructor(
    private readonly subgraph: string,
    url: string,
    fetcher: Fetcher,
    private readonly policy: SubgraphPolicy,
    private readonly metrics: GatewayMetrics,
    /**
     * Advances with every change the gateway sees (ChangeMarks: mutations through it, the
     * response cache's invalidations): a fetch that began before a change is not joined by a
     * request after it, which must show the change (and whose answer could be cached).
     */
    private readonly fetchEpoch: () => number = () => 0,
    gatewaySecret?: string,
    /** Answers of this subgraph's query fetches kept under the response cache (fetch-cache.ts). */
    private readonly fetchCache?: SubgraphFetchCache,
  ) {
    super({ url, fetcher });
    this.gatewaySecret = gatewaySecret;
    this.labels = { subgraph };
    this.okLabels = { subgraph, outcome: 'ok' };
    metrics.circuitState.set({ subgraph }, CIRCUIT_STATE_VALUES.closed);
    this.breaker = new CircuitBreaker({
      failureThreshold: policy.breakerFailureThreshold,
      resetTimeoutMs: policy.breakerResetMs,
      onStateChange: (state) => metrics.circuitState.set({ subgraph }, CIRCUIT_STATE_VALUES[state]),
    });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<ForwardingDataSource['process']> {
    if (this.fetchCache) return this.fetchCache.fetch(this.subgraph, options, (uncached) => this.fetchShared(uncached));
    return this.fetchShared(options);
  }

  private async fetchShared(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<ForwardingDataSource['process']> {
    if (!this.policy.deduplicateFetches || !isQuery(options.request.query)) return this.fetchWithRetries(options);
    // Credentials are part of the key: one caller never receives an answer fetched for another.
    const caller = 'forwardedHeaders' in options.context ? (options.context.forwardedHeaders.authorization ?? '') : '';
    const key = `${this.fetchEpoch()}\n${caller}\n${options.request.query}\n${JSON.stringify(options.request.variables ?? {})}`;
    const running = this.inFlight.get(key);
    if (running) {
      running.followers += 1;
      this.metrics.subgraphFetchesShared.inc({ subgraph: this.subgraph });
      return copyOf(await running.response);
    }
    const shared: SharedFetch = { followers: 0, response: this.fetchWithRetries(options) };
    // Leaves the map as it settles, before any waiter resumes: nobody joins a finished fetch.
    const settled = shared.response.finally(() => this.inFlight.delete(key));
    shared.response = settled;
    this.inFlight.set(key, shared);
    const response = await settled;
    // The gateway merges fetched data into its result: with waiters, the original stays untouched.
    return shared.followers > 0 ? copyOf(response) : response;
  }

  private async fetchWithRetries(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<ForwardingDataSource['process']> {
    const retryable = isQuery(options.request.query);
    for (let attempt = 0; ; attempt += 1) {
      if (!this.breaker.tryAcquire()) {
        this.metrics.subgraphRequests.inc({ subgraph: this.subgraph, outcome: 'circuit_open' });
        throw new SubgraphUnavailableError(this.subgraph, 'circuit open');
      }
      const started = process.hrtime.bigint();
      const stopTimer = () => this.metrics.subgraphDuration.observe(this.labels, Number(process.hrtime.bigint() - started) / 1e9);
      try {
        const response = await super.process(options);
        stopTimer();
        this.breaker.onSuccess();
        this.metrics.subgraphRequests.inc(this.okLabels);
        return response;
      } catch (error) {
        stopTimer();
        const refused = refusalErrors(error);
        if (refused || !isTransient(error)) {
          // The subgraph answered (e.g. 4xx, or 429 for this caller's sign-in attempts): it is
          // up, the request was wrong; retrying or opening the breaker would punish everyone.
          this.breaker.onSuccess();
          this.metrics.subgraphRequests.inc({ subgraph: this.subgraph, outcome: 'error' });
          if (refused) return { errors: refused };
          throw error;
        }
        this.breaker.onFailure();
        this.metrics.subgraphRequests.inc({ subgraph: this.subgraph, outcome: error instanceof SubgraphTimeoutError ? 'timeout' : 'error' });
        if (!retryable || attempt >= this.policy.retries || this.breaker.state === 'open') {
          throw new SubgraphUnavailableError(this.subgraph, error instanceof SubgraphTimeoutError ? 'timed out' : 'request failed');
        }
        this.metrics.subgraphRetries.inc({ subgraph: this.subgraph });
        await sleep(Math.random() * this.policy.retryBaseMs * 2 ** attempt);
      }
    }
  }
}

/**
 * The GraphQL errors of a subgraph that refused the request with a 4xx (e.g. 400 for a variable
 * its scalars reject): they reach the client with the subgraph's own code and message, where
 * @apollo/gateway would turn the status alone into an internal "400: Bad Request" (and a 429
 * into a failure that retries and trips the breaker). 401 and 403 keep the gateway's
 * UNAUTHENTICATED / FORBIDDEN mapping.
 */
function refusalErrors(error: unknown): GraphQLFormattedError[] | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const response = error.extensions?.response as { status?: number; body?: unknown } | undefined;
  const status = response?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500 || status === 401 || status === 403) return undefined;
  const errors = (response?.body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors.every((item) => typeof (item as { message?: unknown })?.message === 'string') ? (errors as GraphQLFormattedError[]) : undefined;
}

/** A query can be sent twice without harm; a mutation could be applied twice. */
function isQuery(query: string | undefined): boolean {
  return typeof query === 'string' && /^\s*(query\b|\{)/.test(query);
}

/** Network errors, timeouts and 5xx/429 answers without GraphQL errors are worth retrying and count against the breaker. */
function isTransient(error: unknown): boolean {
  if (error instanceof GraphQLError) {
    const status = (error.extensions?.response as { status?: number } | undefined)?.status;
    return typeof status === 'number' && (status >= 500 || status === 429);
  }
  return true;
}

/** A waiter's own copy of a shared answer: its data deep-copied, the read HTTP answer shared as is. */
function copyOf<T extends { http?: unknown }>(response: T): T {
  const { http, ...answer } = response;
  return { ...structuredClone(answer), http } as T;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

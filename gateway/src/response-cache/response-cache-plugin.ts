import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { operationReach, type FieldOwners, type OperationReach } from './field-owners.js';
import type { ResponseCache } from './response-cache.js';

export interface ResponseCachePluginOptions {
  /** Read per document: the supergraph (and so what is public) can change while running. */
  owners: () => FieldOwners;
  /** Subgraphs whose data is the same for every caller (answers from them may be shared). */
  publicSubgraphs: ReadonlySet<string>;
  /** Stores answers; without it nothing is cached (deduplication may still be on). */
  cache?: ResponseCache;
  /** Identical shareable queries in flight at once are executed once. */
  deduplicate: boolean;
  /** Told how each shareable query was answered: from the cache, by joining one in flight, or executed. */
  onOutcome?: (outcome: CacheOutcome) => void;
  /** Told when a query starts (true) and stops (false) waiting for an identical one in flight. */
  onWaiting?: (waiting: boolean) => void;
}

export type CacheOutcome = 'hit' | 'shared' | 'miss';
export const CACHE_HEADER = 'x-response-cache';

type Settled = { data: unknown } | null;
interface InFlight {
  promise: Promise<Settled>;
  settle(value: Settled): void;
  /** The cache's mark when it started: joined only while no invalidation has come since. */
  since: number;
}

/** Per request: what the plugin decided before execution, for willSendResponse. */
interface Pending {
  key: string;
  reach: OperationReach;
  since: number;
  leader?: InFlight;
}

const answer = (data: unknown, outcome: CacheOutcome): GraphQLResponse => {
  const headers = new HeaderMap();
  headers.set(CACHE_HEADER, outcome);
  return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: { data: data as Record<string, unknown> } } };
};

/**
 * Shares answers of anonymous queries over public data: from a short-lived cache, and by letting
 * identical queries in flight wait for the first one. An answer is shareable only when the caller
 * sent no credentials (it would be the same for every anonymous caller) and every field comes
 * from a public subgraph. Mutations are never shared and invalidate the subgraphs they write to.
 * Runs after the operation limits (didResolveOperation), so a cached answer is still limited.
 */
export function responseCachePlugin<TContext extends { user: unknown }>(options: ResponseCachePluginOptions): ApolloServerPlugin<TContext> {
  const reachOf = new WeakMap<DocumentNode, Map<string, OperationReach>>();
  const inFlight = new Map<string, InFlight>();
  const reach = (context: GraphQLRequestContext<TContext>): OperationReach => {
    const document = context.document!;
    let byOperation = reachOf.get(document);
    if (!byOperation) reachOf.set(document, (byOperation = new Map()));
    const name = context.operationName ?? '';
    let found = byOperation.get(name);
    if (!found) byOperation.set(name, (found = operationReach(context.schema, document, context.operation!, options.owners(), options.publicSubgraphs)));
    return found;
  };
  return {
    async requestDidStart() {
      let pending: Pending | undefined;
      return {
        async responseForOperation(context) {
          if (context.operation?.operation !== 'query' || context.contextValue.user || context.request.http?.headers.get('authorization')) return null;
          const operationReach = reach(context);
          if (!operationReach.public) return null;
          const key = createHash('sha256')
            .update(`${context.queryHash}\n${context.operationName ?? ''}\n${JSON.stringify(context.request.variables ?? {})}`)
            .digest('hex');
          const cached = options.cache?.get(key);
          if (cached !== undefined) {
            options.onOutcome?.('hit');
            return answer(cached, 'hit');
          }
          const since = options.cache?.mark() ?? 0;
          // One that started before a change may answer with the old data: not joined.
          const running = options.deduplicate ? inFlight.get(key) : undefined;
          if (running && running.since === since) {
            options.onWaiting?.(true);
            const settled = await running.promise.finally(() => options.onWaiting?.(false));
            if (settled) {
              options.onOutcome?.('shared');
              return answer(settled.data, 'shared');
            }
            // The first one failed: this one tries for itself.
          }
          pending = { key, reach: operationReach, since };
          if (options.deduplicate && running?.since !== since) {
            let settle!: (value: Settled) => void;
            const promise = new Promise<Settled>((resolve) => (settle = resolve));
            pending.leader = { promise, settle, since };
            inFlight.set(key, pending.leader);
          }
          options.onOutcome?.('miss');
          return null;
        },
        async willSendResponse(context) {
          const { response } = context;
          if (context.operation?.operation === 'mutation') {
            const written = reach(context).subgraphs;
            options.cache?.invalidate(written);
            return;
          }
          if (!pending) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const ok = body?.data && !body.errors?.length ? { data: body.data } : null;
          if (ok) options.cache?.set(pending.key, ok.data, pending.reach.subgraphs, pending.since);
          if (pending.leader) {
            // A newer leader (started after a change) may hold the key by now.
            if (inFlight.get(pending.key) === pending.leader) inFlight.delete(pending.key);
            pending.leader.settle(ok);
          }
          response.http.headers.set(CACHE_HEADER, 'miss');
        },
      };
    },
  };
}

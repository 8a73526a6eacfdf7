import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { Kind, getArgumentValues, type OperationDefinitionNode } from 'graphql';
import type { AuthUser } from '@mrt/graphql-kit';
import { answerTags } from './answer-tags.js';
import type { ChangeMarks } from './change-marks.js';
import { callerTag, mutationTags } from './change-tags.js';
import type { FieldOwners } from './field-owners.js';
import { operationAnalyses, type OperationAnalysis } from './operation-analysis.js';
import type { ResponseCache } from './response-cache.js';

export interface ResponseCachePluginOptions<TContext = unknown> {
  /** Read per document: the supergraph (and so what is public) can change while running. */
  owners: () => FieldOwners;
  /** Subgraphs whose data is the same for every caller (answers from them may be shared). */
  publicSubgraphs: ReadonlySet<string>;
  /** The analyses to share with the subgraph fetch cache; one of the plugin's own without. */
  analyses?: ReturnType<typeof operationAnalyses>;
  /** When the earliest cached subgraph fetch a request was answered with expires (the fetch cache's). */
  partsExpireAt?: (context: TContext) => number | undefined;
  /** Stores answers; without it nothing is cached (deduplication may still be on). */
  cache?: ResponseCache;
  /** The changes seen (the cache's, when there is one): a query is joined only by one begun at the same mark. */
  marks: ChangeMarks;
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
  analysis: OperationAnalysis;
  /** The signed-in caller whose own entry this is; null for an anonymous, shared one. */
  userId: string | null;
  since: number;
  leader?: InFlight;
}

/**
 * A signed-in caller's answers are their own entries: the same query may differ by caller (their
 * collection, their profile's currency), and by what their token lets them see.
 */
export const viewerKey = (user: AuthUser | null) => (user ? `${user.id}\n${[...user.scopes].sort().join(' ')}` : '');

const answer = (data: unknown, outcome: CacheOutcome): GraphQLResponse => {
  const headers = new HeaderMap();
  headers.set(CACHE_HEADER, outcome);
  return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: { data: data as Record<string, unknown> } } };
};

/** The root fields of a mutation with their argument values (fragments on Mutation are not used by clients here). */
function rootFields(context: GraphQLRequestContext<{ user: AuthUser | null }>, operation: OperationDefinitionNode) {
  const mutationType = context.schema.getMutationType();
  const fields: { name: string; args: Record<string, unknown> }[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value === '__typename') continue;
    const definition = selection.kind === Kind.FIELD ? mutationType?.getFields()[selection.name.value] : undefined;
    // A spread or an unknown field: its effect is not known, so none is claimed.
    if (selection.kind !== Kind.FIELD || !definition) return null;
    try {
      fields.push({ name: selection.name.value, args: getArgumentValues(definition, selection, context.request.variables ?? {}) });
    } catch {
      // Arguments that do not coerce (the request was refused before executing): no effect is claimed.
      return null;
    }
  }
  return fields;
}

/**
 * Shares answers of queries over public data: from a short-lived cache, and by letting identical
 * queries in flight wait for the first one. An answer is cached only when every field comes from
 * a public subgraph. Anonymous callers share one entry per query; a signed-in caller gets entries
 * of their own. Each entry is tagged with what it holds (answer-tags.ts), so a change drops only
 * the answers it can alter where its effect is known (change-tags.ts), and every answer of the
 * subgraphs it touches where not. Mutations are never shared. Runs after the operation limits
 * (didResolveOperation), so a cached answer is still limited.
 */
export function responseCachePlugin<TContext extends { user: AuthUser | null }>(options: ResponseCachePluginOptions<TContext>): ApolloServerPlugin<TContext> {
  const analyses = options.analyses ?? operationAnalyses(options.owners, options.publicSubgraphs);
  const inFlight = new Map<string, InFlight>();
  const analyse = (context: GraphQLRequestContext<TContext>) => analyses(context.schema, context.document!, context.operation!);
  return {
    async requestDidStart() {
      let pending: Pending | undefined;
      return {
        async responseForOperation(context) {
          const { user } = context.contextValue;
          // Installed only to mark mutations (for the subgraph fetch deduplication): nothing to share.
          if (context.operation?.operation !== 'query' || (!options.cache && !options.deduplicate)) return null;
          // Credentials nobody verified (a context without a user) are never an anonymous caller.
          if (!user && context.request.http?.headers.get('authorization')) return null;
          const analysis = analyse(context);
          if (!analysis.reach.public) return null;
          const key = createHash('sha256')
            .update(`${viewerKey(user)}\n${context.queryHash}\n${context.operationName ?? ''}\n${JSON.stringify(context.request.variables ?? {})}`)
            .digest('hex');
          const cached = options.cache?.get(key);
          if (cached !== undefined) {
            options.onOutcome?.('hit');
            return answer(cached, 'hit');
          }
          const since = options.marks.mark();
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
          pending = { key, analysis, userId: user?.id ?? null, since };
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
          const { user } = context.contextValue;
          if (context.operation?.operation === 'mutation') {
            // Whatever it changed, no query in flight since before it is joined by one after it.
            options.marks.advance();
            if (!options.cache) return;
            const fields = rootFields(context, context.operation);
            const known = fields && mutationTags(fields, user?.id ?? null);
            options.cache.invalidate(known ?? [...analyse(context).reach.subgraphs, ...(user ? [callerTag(user.id)] : [])]);
            return;
          }
          if (!pending) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const ok = body?.data && !body.errors?.length ? { data: body.data } : null;
          if (ok && options.cache) {
            const { reach, shape } = pending.analysis;
            const tags = [...reach.subgraphs, ...answerTags(shape, ok.data)];
            if (pending.userId) tags.push(callerTag(pending.userId));
            options.cache.set(pending.key, ok.data, tags, pending.since, options.partsExpireAt?.(context.contextValue));
          }
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

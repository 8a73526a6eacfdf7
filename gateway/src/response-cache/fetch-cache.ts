import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { Kind, parse, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context.js';
import { answerShape, answerTags, entityFetchShape, entityTags, type AnswerShape, type EntityShape } from './answer-tags.js';
import { callerTag } from './change-tags.js';
import type { operationAnalyses } from './operation-analysis.js';
import { viewerKey } from './response-cache-plugin.js';
import type { ResponseCache } from './response-cache.js';

type Answer = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

export interface SubgraphFetchCacheOptions {
  /** The store the response cache uses: one invalidation drops answers and fetches alike. */
  cache: ResponseCache;
  /** Subgraphs whose answers are the same for every caller (others are never cached here). */
  publicSubgraphs: ReadonlySet<string>;
  /** The client operation's analysis (the response cache's): which subgraphs it reads. */
  analyses: ReturnType<typeof operationAnalyses>;
}

/** Fetch documents whose shape is remembered per schema; beyond, the memory starts again. */
const MAX_FETCH_DOCUMENTS = 5_000;

/** How one subgraph fetch document is cached: a root query's whole answer, or per entity. */
type FetchShape = { kind: 'root'; shape: AnswerShape } | { kind: 'entities'; shape: EntityShape };

/**
 * Caches the answers of subgraph fetches under the response cache: a root query's answer by
 * subgraph, document and variables, and an `_entities` fetch per representation, so a page the
 * response cache misses costs only the parts no other page fetched lately (a release list's
 * bands, offers and prices). Entries carry the same tags as whole answers (answer-tags.ts: what
 * they hold, the subgraphs the client operation reads, the signed-in caller), in the same store,
 * so every invalidation drops both. Only public subgraphs' answers; a signed-in caller's are
 * their own entries (a subgraph may answer them differently), an unverified one's never cached.
 */
export class SubgraphFetchCache {
  /** Per client request (its context): when the earliest cached part it was served stops being served. */
  private readonly partsExpireAt = new WeakMap<object, number>();
  /** By schema, then by fetch document: the gateway's query plans send a bounded set of them. */
  private readonly shapes = new WeakMap<GraphQLSchema, Map<string, FetchShape | null>>();

  constructor(private readonly options: SubgraphFetchCacheOptions) {}

  async fetch(subgraph: string, options: Options, send: (options: Options) => Promise<Answer>): Promise<Answer> {
    // Health checks and schema loading have no client operation behind them.
    if (!('incomingRequestContext' in options) || !this.options.publicSubgraphs.has(subgraph)) return send(options);
    const { context, incomingRequestContext: client, request } = options;
    // A mutation's later fetches read what it just wrote: never from before it.
    if (!request.query || client.operation.operation !== 'query') return send(options);
    const { user } = context;
    // Credentials nobody verified are never an anonymous caller.
    if (!user && context.forwardedHeaders.authorization) return send(options);
    const fetchShape = this.shapeOf(client.schema, request.query);
    if (!fetchShape) return send(options);
    const commonTags = [subgraph, ...this.options.analyses(client.schema, client.document, client.operation).reach.subgraphs, ...(user ? [callerTag(user.id)] : [])];
    const prefix = `fetch\n${subgraph}\n${viewerKey(user)}\n${request.query}\n`;
    return fetchShape.kind === 'entities'
      ? this.fetchEntities(options, send, fetchShape.shape, prefix, commonTags)
      : this.fetchRoot(options, send, fetchShape.shape, prefix, commonTags);
  }

  /**
   * When the earliest cached fetch part a client request was answered with stops being served:
   * its whole answer must not be served longer, or the TTL would bound nothing.
   */
  expiryOfParts(context: object): number | undefined {
    return this.partsExpireAt.get(context);
  }

  private served(context: object, expiresAt: number): void {
    this.partsExpireAt.set(context, Math.min(expiresAt, this.partsExpireAt.get(context) ?? Infinity));
  }

  /** How a fetch document is cached, or null when it is not: a mutation, or a field the schema lacks. */
  private shapeOf(schema: GraphQLSchema, query: string): FetchShape | null {
    let bySchema = this.shapes.get(schema);
    if (!bySchema) this.shapes.set(schema, (bySchema = new Map()));
    let found = bySchema.get(query);
    if (found === undefined) {
      const document = parse(query);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (operation?.operation !== 'query') found = null;
      else {
        const entities = entityFetchShape(schema, document, operation);
        found = entities ? { kind: 'entities', shape: entities } : { kind: 'root', shape: answerShape(schema, document, operation) };
        if (!found.shape.complete) found = null;
      }
      if (bySchema.size >= MAX_FETCH_DOCUMENTS) bySchema.clear();
      bySchema.set(query, found);
    }
    return found;
  }

  private async fetchRoot(options: Options, send: (options: Options) => Promise<Answer>, shape: AnswerShape, prefix: string, commonTags: string[]) {
    const { cache } = this.options;
    const key = prefix + JSON.stringify(options.request.variables ?? {});
    const cached = cache.getEntry(key);
    if (typeof cached?.data === 'string') {
      this.served(options.context, cached.expiresAt);
      // Parsed per hit: the gateway merges what a fetch returns into its result in place.
      return { data: JSON.parse(cached.data) as Record<string, unknown> };
    }
    const since = cache.mark();
    const answer = await send(options);
    if (answer.data && !answer.errors?.length) cache.set(key, JSON.stringify(answer.data), [...commonTags, ...answerTags(shape, answer.data)], since);
    return answer;
  }

  private async fetchEntities(options: Options, send: (options: Options) => Promise<Answer>, shape: EntityShape, prefix: string, commonTags: string[]) {
    const { cache } = this.options;
    const { representations, ...rest } = options.request.variables ?? {};
    if (!Array.isArray(representations) || representations.length === 0) return send(options);
    const keyPrefix = `${prefix}${JSON.stringify(rest)}\n`;
    const keys = representations.map((representation) => keyPrefix + JSON.stringify(representation));
    const cached = keys.map((key) => {
      const entry = cache.getEntry(key);
      if (typeof entry?.data !== 'string') return undefined;
      this.served(options.context, entry.expiresAt);
      return entry.data;
    });
    const missing = cached.flatMap((entry, index) => (entry === undefined ? [index] : []));
    if (missing.length === 0) {
      return { data: JSON.parse(`{"_entities":[${cached.join(',')}]}`) as Record<string, unknown> };
    }
    const since = cache.mark();
    const partial = missing.length < representations.length;
    const request = partial ? { ...options.request, variables: { ...rest, representations: missing.map((index) => representations[index]) } } : options.request;
    const answer = await send(partial ? { ...options, request } : options);
    const fetched = (answer.data as { _entities?: unknown } | undefined)?._entities;
    if (!Array.isArray(fetched) || fetched.length !== missing.length) {
      // Not the answer an entity fetch gives: the gateway judges the whole one, never half of it.
      return partial ? send(options) : answer;
    }
    // An entity with an error may be partial (a null in it); an error for no entity spoils them all.
    const failed = new Set<number>();
    for (const error of answer.errors ?? []) {
      const index = error.path?.[0] === '_entities' ? error.path[1] : undefined;
      if (typeof index !== 'number') return partial ? send(options) : answer;
      failed.add(index);
    }
    fetched.forEach((entity, position) => {
      if (failed.has(position)) return;
      const index = missing[position]!;
      cache.set(keys[index]!, JSON.stringify(entity), [...commonTags, ...entityTags(shape, representations[index], entity)], since);
    });
    if (!partial) return answer;
    const entities: unknown[] = cached.map((entry) => (entry === undefined ? null : JSON.parse(entry)));
    missing.forEach((index, position) => (entities[index] = fetched[position]));
    const errors = answer.errors?.map((error): GraphQLFormattedError => ({ ...error, path: ['_entities', missing[error.path![1] as number]!, ...error.path!.slice(2)] }));
    return { ...answer, data: { ...answer.data, _entities: entities }, ...(errors ? { errors } : {}) };
  }
}

import { ApolloServer, HeaderMap, type ApolloServerOptions, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { createHash } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { BodyTooLargeError, SpanKind, extractTraceContext, readBody, sendJson, withSpan, type Logger, type Route, type ServiceMetrics } from '@mrt/platform';
import { createErrorFormatter } from './format-error.js';
import { requestGuardPlugin } from './input/request-guard-plugin.js';
import { rateLimitedStatusPlugin } from './rate-limited-status.js';

export interface GraphqlRouteOptions<TContext extends BaseContext> {
  /** Either a schema (subgraphs) or a gateway (the supergraph router). */
  schema?: GraphQLSchema;
  gateway?: ApolloServerOptions<TContext>['gateway'];
  logger: Logger;
  /** Builds the per-request context from the HTTP request's headers and peer address. */
  context: (headers: Record<string, string | undefined>, remoteAddress: string | null) => Promise<TContext>;
  introspection?: boolean;
  plugins?: ApolloServerPlugin<TContext>[];
  maxBodyBytes?: number;
  path?: string;
  /** Counts operations that ended with GraphQL errors (HTTP 200 with `errors`). */
  metrics?: ServiceMetrics;
  /** Names the server span of each request in traces. */
  serviceName?: string;
  /** Automatic persisted queries (off unless given: a subgraph only ever sees the gateway). */
  persistedQueries?: ApolloServerOptions<TContext>['persistedQueries'];
  /** Most operations in one batched HTTP request; 1 (the default) turns batching off. */
  maxBatchSize?: number;
  /** E.g. `maxTokens`, which bounds the parser's work on hostile documents. */
  parseOptions?: ApolloServerOptions<TContext>['parseOptions'];
}

export interface GraphqlRoute<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  route: Route;
}

/**
 * Apollo Server 5 on a plain node:http route (no framework): the same route serves every
 * subgraph and the gateway, and lets the platform's HTTP service own health, metrics and
 * graceful shutdown. Call `apollo.start()` before serving.
 */
export function createGraphqlRoute<TContext extends BaseContext>(options: GraphqlRouteOptions<TContext>): GraphqlRoute<TContext> {
  const executable = options.gateway ? { gateway: options.gateway } : { schema: options.schema! };
  const apollo = new ApolloServer<TContext>({
    ...executable,
    introspection: options.introspection ?? false,
    persistedQueries: options.persistedQueries ?? false,
    parseOptions: options.parseOptions,
    allowBatchedHttpRequests: (options.maxBatchSize ?? 1) > 1,
    csrfPrevention: true,
    // The platform's HTTP service drains and stops in order; Apollo's own handler would
    // re-raise the signal after stopping and cut that short.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    plugins: [
      requestGuardPlugin<TContext>(),
      rateLimitedStatusPlugin<TContext>(),
      ...(options.metrics ? [graphqlErrorMetrics(options.metrics)] : []),
      // No type or field of ours carries a @cacheControl hint, so Apollo's cache-control plugin
      // only added a hook call to every resolved field of a subgraph (a nested page resolves
      // thousands). The gateway keeps it: its answers' policy comes from the subgraphs' headers.
      ...(options.schema ? [ApolloServerPluginCacheControlDisabled() as ApolloServerPlugin<TContext>] : []),
      ...(options.plugins ?? []),
    ],
    logger: options.logger,
  });
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const maxBatchSize = options.maxBatchSize ?? 1;

  const route: Route = {
    path: options.path ?? '/graphql',
    name: 'graphql',
    handle: async (request, response, url) => {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown;
      try {
        const text = request.method === 'POST' ? await readBody(request, maxBodyBytes) : '';
        body = text && (headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          return sendJson(response, 413, { errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        }
        return sendJson(response, 400, { errors: [{ message: 'Body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      }
      if (Array.isArray(body) && body.length > maxBatchSize) {
        return sendJson(response, 400, {
          errors: [{ message: `A batch may hold at most ${maxBatchSize} operation(s)`, extensions: { code: 'BATCH_LIMIT_EXCEEDED', limit: maxBatchSize } }],
        });
      }
      const mismatch = options.persistedQueries ? persistedQueryMismatch(body) : undefined;
      if (mismatch) return sendJson(response, 400, { errors: [mismatch] });
      const plainHeaders = Object.fromEntries(headers.entries());
      // The caller's traceparent (the gateway's, for a subgraph) parents everything this request does.
      const result = await withSpan(
        `graphql ${options.serviceName ?? 'server'}`,
        { kind: SpanKind.SERVER, parent: extractTraceContext(plainHeaders), attributes: { 'http.route': url.pathname } },
        () =>
          apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
            context: () => options.context(plainHeaders, request.socket.remoteAddress ?? null),
          }),
      );
      for (const [key, value] of result.headers) response.setHeader(key, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
        return;
      }
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    },
  };
  return { apollo, route };
}

/**
 * An automatic persisted query whose hash is not the sha256 of its text. Apollo refuses it with
 * no code (so it read as an internal error); this names the problem before Apollo sees it.
 */
function persistedQueryMismatch(body: unknown): { message: string; extensions: Record<string, unknown> } | undefined {
  for (const item of Array.isArray(body) ? body : [body]) {
    if (typeof item !== 'object' || item === null) continue;
    const { query, extensions } = item as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
    const hash = extensions?.persistedQuery?.sha256Hash;
    if (typeof query !== 'string' || typeof hash !== 'string') continue;
    if (createHash('sha256').update(query).digest('hex') !== hash) {
      return {
        message: 'extensions.persistedQuery.sha256Hash is not the sha256 of the query text',
        extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', fields: [{ path: 'extensions.persistedQuery.sha256Hash', message: 'does not match the query' }] },
      };
    }
  }
  return undefined;
}

function graphqlErrorMetrics<TContext extends BaseContext>(metrics: ServiceMetrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          const kind = errors.some((error) => error.extensions?.code === undefined || error.extensions.code === 'INTERNAL_SERVER_ERROR')
            ? 'graphql_internal'
            : 'graphql';
          metrics.httpErrors.inc({ route: 'graphql', kind });
        },
      };
    },
  };
}

import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_SECRET_HEADER } from '@mrt/graphql-kit';
import { currentTraceHeaders } from '@mrt/platform';
import { FORWARDED_HEADERS, type GatewayContext } from './context.js';
import { SubgraphHeaders } from './subgraph-headers.js';

type Answer = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Passes the caller's credentials and trace/request ids to each subgraph, which verifies the
 * token itself: subgraphs trust no identity header set by anyone.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Proves to the subgraph that the request comes from the gateway. */
  gatewaySecret?: string;

  /**
   * RemoteGraphQLDataSource.process without its per-fetch node-fetch Headers and Request (see
   * SubgraphHeaders): the same request body, willSendRequest hook, error for a non-2xx answer and
   * cache-control policy. Not used here, so not carried over: automatic persisted queries to
   * subgraphs (`apq`) and the didReceiveResponse hook.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Answer> {
    const { request } = options;
    const headers = new SubgraphHeaders(request.http?.headers);
    headers.set('content-type', 'application/json');
    request.http = { method: 'POST', url: this.url, headers };
    await this.willSendRequest(options);
    if (!request.query) throw new Error('Missing query');
    const { http: _http, ...payload } = request;
    const response = await this.fetcher(this.url, { method: 'POST', headers: headers.toRecord(), body: JSON.stringify(payload) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const body = await this.parseBody(response);
    if (typeof body !== 'object' || body === null) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    if (this.honorSubgraphCacheControlHeader && 'incomingRequestContext' in options) {
      restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, response.headers.get('cache-control'));
    }
    return { ...body, http: response } as Answer;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (this.gatewaySecret) headers.set(GATEWAY_SECRET_HEADER, this.gatewaySecret);
    if (!('requestId' in context)) return; // health checks and schema loading have no request
    for (const name of FORWARDED_HEADERS) {
      const value = context.forwardedHeaders[name];
      if (value) headers.set(name, value);
    }
    headers.set('x-request-id', context.requestId);
    // With tracing on, the subgraph's spans hang under this fetch's span, not the client's.
    for (const [name, value] of Object.entries(currentTraceHeaders())) headers.set(name, value);
    // Replaces whatever the client sent: subgraphs rate-limit by this address.
    if (context.clientIp) headers.set('x-forwarded-for', context.clientIp);
    else headers.delete('x-forwarded-for');
  }
}

type CachePolicy = Extract<GraphQLDataSourceProcessOptions, { incomingRequestContext: unknown }>['incomingRequestContext']['overallCachePolicy'];

/** The subgraph's Cache-Control narrows the response's cache policy, as @apollo/gateway does. */
function restrictCachePolicy(policy: CachePolicy | undefined, header: string | null): void {
  if (!policy || !('restrict' in policy)) return;
  // Most subgraph answers carry no Cache-Control: the hint is then "not cacheable" without parsing.
  if (!header) return policy.restrict({ maxAge: 0 });
  const directives = new Map<string, string | true>();
  for (const part of header.split(',')) {
    const [name, value] = part.split('=', 2).map((piece) => piece.trim());
    if (name) directives.set(name.toLowerCase(), value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  const maxAge = directives.get('max-age');
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0 };
  if (directives.get('private') === true) hint.scope = 'PRIVATE';
  if (directives.get('public') === true) hint.scope = 'PUBLIC';
  policy.restrict(hint);
}

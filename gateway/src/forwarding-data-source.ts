import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_SECRET_HEADER } from '@mrt/graphql-kit';
import { currentTraceHeaders } from '@mrt/platform';
import { FORWARDED_HEADERS, type GatewayContext } from './context.js';

/**
 * Passes the caller's credentials and trace/request ids to each subgraph, which verifies the
 * token itself: subgraphs trust no identity header set by anyone.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Proves to the subgraph that the request comes from the gateway. */
  gatewaySecret?: string;

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

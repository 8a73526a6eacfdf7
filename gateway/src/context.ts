import { createRequestContext, type Authenticate, type AuthUser } from '@mrt/graphql-kit';
import type { ProxyTrust } from '@mrt/platform';

/** Headers a subgraph needs from the client's request; nothing else crosses. */
export const FORWARDED_HEADERS = ['authorization', 'x-request-id', 'traceparent', 'tracestate'] as const;

export interface GatewayContext {
  requestId: string;
  /** Verified here as well as in every subgraph: a bad token is refused before planning. */
  user: AuthUser | null;
  /** The client's address as this gateway saw it (or as a trusted proxy in front reported it). */
  clientIp: string | null;
  forwardedHeaders: Partial<Record<(typeof FORWARDED_HEADERS)[number], string>>;
  /** A query the gateway derived from a live subscription it admitted (not a client's document). */
  liveResult?: boolean;
}

/** TRUST_PROXY: whoever reaches the gateway is the proxy in front of it. */
const EVERY_PEER: ProxyTrust = { entries: ['*'], trusts: () => true };

export async function createGatewayContext(
  headers: Record<string, string | undefined>,
  authenticate: Authenticate | undefined,
  remoteAddress: string | null,
  trustProxy: boolean,
): Promise<GatewayContext> {
  // A client-sent x-forwarded-for is believed only behind a proxy we were told to trust.
  const trusted = trustProxy ? headers : { ...headers, 'x-forwarded-for': undefined };
  const { requestId, user, clientIp } = await createRequestContext(trusted, authenticate, remoteAddress, trustProxy ? EVERY_PEER : undefined);
  const forwardedHeaders: GatewayContext['forwardedHeaders'] = {};
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    if (value) forwardedHeaders[name] = value;
  }
  return { requestId, user, clientIp, forwardedHeaders };
}

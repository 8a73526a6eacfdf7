import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  DEFAULT_TRUSTED_PROXIES,
  clientAddress,
  currentTraceHeaders,
  parseProxyTrust,
  type Authenticate,
  type AuthUser,
  type ProxyTrust,
} from '@mrt/platform';
import { UnauthenticatedError } from './errors.js';
import { LoaderRegistry } from './loaders.js';

// Who may call is decided by the platform's token verifier; resolvers know these names from here too.
export { ROLES, SCOPES, ROLE_SCOPES, scopesOf, isScope, type Authenticate, type AuthUser, type Role, type Scope } from '@mrt/platform';

export interface RequestContext {
  requestId: string;
  user: AuthUser | null;
  /** The caller's raw bearer token, so a subgraph can pass it on when it calls another. */
  token: string | null;
  /** W3C trace context of the incoming request, copied into events this request produces. */
  traceparent: string | null;
  /** The caller's address: as forwarded by the gateway, else the socket's peer. */
  clientIp: string | null;
  loaders: LoaderRegistry;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function bearerToken(headers: IncomingHttpHeaders | Record<string, string | undefined>): string | null {
  const header = headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

const LOOPBACK_PROXIES = parseProxyTrust(DEFAULT_TRUSTED_PROXIES);

export async function createRequestContext(
  headers: IncomingHttpHeaders | Record<string, string | undefined>,
  authenticate: Authenticate | undefined,
  remoteAddress: string | null = null,
  /** Peers whose x-forwarded-for is believed (TRUSTED_PROXIES); loopback when not given. */
  proxies: ProxyTrust = LOOPBACK_PROXIES,
): Promise<RequestContext> {
  const incomingId = headers['x-request-id'];
  const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
  const token = bearerToken(headers);
  // No token means anonymous; a token that fails verification is an error, never anonymous.
  const user = token && authenticate ? await authenticateOrReject(authenticate, token) : null;
  // The active server span when tracing runs (so events continue this service's span), else the caller's.
  const traceparent = currentTraceHeaders().traceparent ?? (typeof headers.traceparent === 'string' ? headers.traceparent : null);
  // The gateway sets x-forwarded-for itself; from any other caller the header is a lie that
  // would dodge the per-address limits (sign-in, registration), so only trusted peers count.
  const forwarded = typeof headers['x-forwarded-for'] === 'string' ? headers['x-forwarded-for'] : undefined;
  const clientIp = clientAddress(forwarded, remoteAddress, proxies);
  return { requestId, user, token, traceparent, clientIp, loaders: new LoaderRegistry() };
}

/** A rejected token ends the request before anything runs: HTTP 401, code UNAUTHENTICATED. */
async function authenticateOrReject(authenticate: Authenticate, token: string): Promise<AuthUser> {
  try {
    return await authenticate(token);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Invalid access token';
    throw new UnauthenticatedError(message, { http: { status: 401, headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]) } });
  }
}

import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LoaderRegistry } from './loaders.js';

export const ROLES = ['USER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified access token (never by a plain header). */
export interface AuthUser {
  id: string;
  roles: Role[];
  scopes: string[];
}

export interface RequestContext {
  requestId: string;
  user: AuthUser | null;
  /** The caller's raw bearer token, so a subgraph can pass it on when it calls another. */
  token: string | null;
  /** W3C trace context of the incoming request, copied into events this request produces. */
  traceparent: string | null;
  loaders: LoaderRegistry;
}

/** Turns an Authorization header into a user; throws UNAUTHENTICATED for a bad token. */
export type Authenticate = (token: string) => Promise<AuthUser>;

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function bearerToken(headers: IncomingHttpHeaders | Record<string, string | undefined>): string | null {
  const header = headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

export async function createRequestContext(
  headers: IncomingHttpHeaders | Record<string, string | undefined>,
  authenticate: Authenticate | undefined,
): Promise<RequestContext> {
  const incomingId = headers['x-request-id'];
  const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
  const token = bearerToken(headers);
  // No token means anonymous; a token that fails verification is an error, never anonymous.
  const user = token && authenticate ? await authenticate(token) : null;
  const traceparent = typeof headers.traceparent === 'string' ? headers.traceparent : null;
  return { requestId, user, token, traceparent, loaders: new LoaderRegistry() };
}

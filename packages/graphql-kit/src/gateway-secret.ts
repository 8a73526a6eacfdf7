import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { EnvError, sendJson, type BaseEnv, type RateLimit, type RateLimiter, type Route } from '@mrt/platform';

/**
 * The header the gateway puts on every subgraph request. Subgraphs answer GraphQL only to
 * callers that present it, so `_entities`, `_service { sdl }` and every root field are reached
 * through the gateway's limits, rate limits and authentication, never around them.
 */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

/** Shortest secret accepted: a guessable one would be no gate at all. */
export const MIN_GATEWAY_SECRET_LENGTH = 32;

/**
 * The shared secret the environment configures, or undefined where none is needed: only in
 * development (or with GATEWAY_SECRET_REQUIRED=false) may it be left out, and subgraphs then
 * answer anyone, rate-limited per address.
 */
export function gatewaySecretFromEnv(env: Pick<BaseEnv, 'NODE_ENV'> & Partial<Pick<BaseEnv, 'GATEWAY_SHARED_SECRET' | 'GATEWAY_SECRET_REQUIRED'>>): string | undefined {
  if (env.GATEWAY_SHARED_SECRET) return env.GATEWAY_SHARED_SECRET;
  if (!(env.GATEWAY_SECRET_REQUIRED ?? env.NODE_ENV !== 'development')) return undefined;
  throw new EnvError([
    `GATEWAY_SHARED_SECRET: required when NODE_ENV is ${env.NODE_ENV} (at least ${MIN_GATEWAY_SECRET_LENGTH} characters, the same for the gateway and every subgraph)`,
  ]);
}

/** Constant-time comparison of what the caller sent with the secret (digests: equal lengths). */
export function presentsGatewaySecret(headers: IncomingHttpHeaders, secret: string): boolean {
  const sent = headers[GATEWAY_SECRET_HEADER];
  if (typeof sent !== 'string') return false;
  return timingSafeEqual(digest(sent), digest(secret));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export interface SubgraphGuardOptions {
  /** Without it every caller is accepted (development only; see gatewaySecretFromEnv). */
  secret?: string;
  /** Budget per caller address for requests that do not come from the gateway; none without a rule. */
  limiter: RateLimiter;
  rule: RateLimit | null;
}

/**
 * Wraps a subgraph's GraphQL route. The gateway (proven by the secret) passes straight through:
 * it has already rate-limited the client, and counting all its traffic as one address would
 * throttle every client at once. Anyone else is first counted per socket address (a forwarded
 * header would let a caller pick its own bucket), then refused without the secret.
 */
export function guardSubgraphRoute(route: Route, options: SubgraphGuardOptions): Route {
  return {
    ...route,
    handle: async (request, response, url) => {
      if (options.secret && presentsGatewaySecret(request.headers, options.secret)) return route.handle(request, response, url);
      const address = request.socket.remoteAddress ?? 'unknown';
      let decision = { allowed: true, retryAfterSeconds: 0 };
      try {
        if (options.rule) decision = await options.limiter.consume(`subgraph:ip:${address}`, options.rule);
      } catch {
        // The limiter's store is away: direct callers are refused below anyway when a secret is set.
      }
      if (!decision.allowed) {
        const retryAfter = Math.max(1, decision.retryAfterSeconds);
        response.setHeader('retry-after', String(retryAfter));
        return sendJson(response, 429, { errors: [{ message: `Too many requests; retry after ${retryAfter} s`, extensions: { code: 'RATE_LIMITED', retryAfter } }] });
      }
      if (options.secret) {
        return sendJson(response, 403, {
          errors: [{ message: 'This subgraph answers the gateway only', extensions: { code: 'FORBIDDEN' } }],
        });
      }
      return route.handle(request, response, url);
    },
  };
}

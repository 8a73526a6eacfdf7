import { GraphQLError } from 'graphql';
import type { RateLimit, RateLimiter } from '@mrt/platform';

/** Budgets per window: anonymous callers are counted by address, signed-in ones by account. */
export interface RateLimitPolicy {
  anonymous: RateLimit;
  authenticated: RateLimit;
  /**
   * Most requests of one caller's budget a replica claims from Redis at once and spends without
   * asking again (LeasedRateLimiter: the accuracy this trades); 1 asks Redis on every request.
   */
  maxClaim?: number;
}

export class RateLimitedError extends GraphQLError {
  constructor(retryAfterSeconds: number) {
    const retryAfter = Math.max(1, retryAfterSeconds);
    super(`Too many requests; retry after ${retryAfter} s`, {
      extensions: { code: 'RATE_LIMITED', retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
    });
  }
}

export interface Caller {
  user: { id: string } | null;
  clientIp: string | null;
}

/**
 * Checked while the request context is built, before the body is parsed: a flood costs one
 * in-process GCRA step per request, or a share of a Redis round trip when configured (claims of
 * several requests at once; refusals remembered until the next request frees).
 */
export function createRateLimitGuard(limiter: RateLimiter, policy: RateLimitPolicy) {
  return async (caller: Caller): Promise<void> => {
    const [key, rule] = caller.user
      ? [`gateway:user:${caller.user.id}`, policy.authenticated]
      : [`gateway:ip:${caller.clientIp ?? 'unknown'}`, policy.anonymous];
    const decision = await limiter.consume(key, rule);
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  };
}

import type { Redis } from 'ioredis';
import { FallbackRateLimiter, MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './rate-limit.js';
import { LeasedRateLimiter } from './rate-limit-lease.js';

export interface RateLimiterOptions {
  prefix?: string;
  /** Called for each decision taken locally because Redis failed. */
  onFallback?: (error: unknown) => void;
  /**
   * Most requests of a key this process claims from Redis at once (LeasedRateLimiter); 1 (the
   * default) asks Redis on every request.
   */
  maxClaim?: number;
}

export function createRateLimiter(redis: Redis | undefined, options: RateLimiterOptions = {}): RateLimiter {
  if (!redis) return new MemoryRateLimiter();
  const shared = new RedisRateLimiter(redis, options.prefix);
  const maxClaim = options.maxClaim ?? 1;
  return new FallbackRateLimiter(maxClaim > 1 ? new LeasedRateLimiter(shared, maxClaim) : shared, options.onFallback);
}

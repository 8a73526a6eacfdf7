import { createHash } from 'node:crypto';
import type { Logger, Redis } from '@mrt/platform';
import { RateLimiter, type RateBucket } from '../../domain/rate-limiter.js';

/** Decides whether a send may pass its provider's buckets now: 0 when it may (tokens taken), else ms to wait. */
export interface SendRateLimiter {
  take(buckets: readonly RateBucket[], nowMs: number): Promise<number>;
}

/** This process's own buckets: embedded mode (no Redis), and the fallback while Redis is away. */
export class LocalSendRateLimiter implements SendRateLimiter {
  private readonly buckets = new RateLimiter();

  async take(buckets: readonly RateBucket[], nowMs: number): Promise<number> {
    return this.buckets.take(buckets, nowMs);
  }
}

// The same token buckets as RateLimiter, in one atomic step so every worker draws from one pool:
// all buckets are refilled and checked first, and tokens are taken from all or none. Redis's own
// clock decides, so workers with skewed clocks agree. A bucket refills completely within perMs,
// so it expires after that and an absent bucket is a full one.
const TAKE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local wait = 0
local tokens = {}
for i, key in ipairs(KEYS) do
  local count = tonumber(ARGV[2 * i - 1])
  local per = tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local have = tonumber(state[1])
  if have == nil then
    have = count
  else
    have = math.min(count, have + math.max(0, now - tonumber(state[2])) * count / per)
  end
  tokens[i] = have
  if have < 1 then wait = math.max(wait, math.ceil((1 - have) * per / count)) end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'tokens', tostring(tokens[i] - 1), 'at', now)
  redis.call('PEXPIRE', key, math.ceil(tonumber(ARGV[2 * i])) + 1000)
end
return 0
`;

/** Buckets kept in Redis, shared by every dispatcher worker on it. */
export class RedisSendRateLimiter implements SendRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async take(buckets: readonly RateBucket[]): Promise<number> {
    if (buckets.length === 0) return 0;
    const keys = buckets.map((bucket) => this.prefix + keyOf(bucket.key));
    const limits = buckets.flatMap((bucket) => [bucket.limit.count, bucket.limit.perMs]);
    return Number(await this.redis.eval(TAKE_SCRIPT, keys.length, ...keys, ...limits));
  }
}

/** Bucket keys name destinations (a Discord webhook URL carries its secret): Redis sees only a digest. */
function keyOf(bucketKey: string): string {
  const [provider] = bucketKey.split(':', 1);
  return `${provider}:${createHash('sha256').update(bucketKey).digest('base64url').slice(0, 22)}`;
}

/**
 * Redis while it answers, this worker's own buckets while it does not: an outage slows nothing
 * down and fails no send, at the price of each worker keeping under the limits only on its own.
 */
export class SharedSendRateLimiter implements SendRateLimiter {
  private readonly local = new LocalSendRateLimiter();
  private degraded = false;

  constructor(
    private readonly shared: SendRateLimiter,
    private readonly logger: Logger,
  ) {}

  async take(buckets: readonly RateBucket[], nowMs: number): Promise<number> {
    try {
      const waitMs = await this.shared.take(buckets, nowMs);
      this.degraded = false;
      return waitMs;
    } catch (error) {
      if (!this.degraded) this.logger.warn({ err: error }, 'shared send rate limits unavailable; keeping this worker under them on its own');
      this.degraded = true;
      return this.local.take(buckets, nowMs);
    }
  }
}

/** Shared through Redis when the service has one; in-process in embedded mode. */
export function sendRateLimiterFor(redis: Redis | undefined, keyPrefix: string, logger: Logger): SendRateLimiter {
  return redis ? new SharedSendRateLimiter(new RedisSendRateLimiter(redis, `${keyPrefix}notifications:send-limit:`), logger) : new LocalSendRateLimiter();
}

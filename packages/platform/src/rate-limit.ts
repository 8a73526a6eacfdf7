import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Generic cell rate algorithm (GCRA): `limit` requests per `windowMs`, spread evenly, with a
 * burst of up to `limit`. One number per key (the theoretical arrival time), so it is exact
 * like a sliding window but costs O(1) memory and one round trip.
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/** What a claim of several requests at once got from the shared budget. */
export interface RateClaim {
  granted: number;
  /** Until the next request frees, when nothing was granted. */
  waitMs: number;
}

export interface RateLimiter {
  consume(key: string, rule: RateLimit): Promise<RateDecision>;
  /** Forgets a key, e.g. an account's failed logins after a successful one. */
  reset(key: string): Promise<void>;
}

function decide(tat: number, now: number, rule: RateLimit): { allowed: boolean; newTat: number; waitMs: number } {
  const interval = rule.windowMs / rule.limit;
  const newTat = Math.max(tat, now) + interval;
  const allowAt = newTat - rule.windowMs;
  if (now < allowAt) return { allowed: false, newTat: tat, waitMs: allowAt - now };
  return { allowed: true, newTat, waitMs: 0 };
}

/** In-process limiter for the embedded one-process mode. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly tats = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async consume(key: string, rule: RateLimit): Promise<RateDecision> {
    const now = this.now();
    const tat = this.tats.get(key) ?? now;
    const { allowed, newTat, waitMs } = decide(tat, now, rule);
    if (allowed) this.tats.set(key, newTat);
    if (this.tats.size > 100_000) this.evict(now);
    return { allowed, retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }

  async reset(key: string): Promise<void> {
    this.tats.delete(key);
  }

  /** Keys whose arrival time has passed carry no state worth keeping. */
  private evict(now: number): void {
    for (const [key, tat] of this.tats) if (tat <= now) this.tats.delete(key);
  }
}

// Runs atomically in Redis with Redis's own clock, so replicas with skewed clocks agree. Claims
// up to ARGV[3] requests at once (a replica's lease, see rate-limit-lease.ts): as many as the
// budget holds now, each advancing the arrival time by one interval, so a claim of n is n
// single steps taken at once.
const GCRA_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
local interval = window / tonumber(ARGV[2])
local wanted = tonumber(ARGV[3] or 1)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
local base = math.max(tat, now)
local allow_at = base + interval - window
if now < allow_at then
  return {0, math.ceil(allow_at - now)}
end
-- The epsilon keeps float division from dropping a whole step at an exact boundary.
local granted = math.max(1, math.min(wanted, math.floor((now + window - base) / interval + 1e-9)))
local new_tat = base + granted * interval
-- At least 1 ms: with a very large budget the interval vanishes next to now's magnitude and
-- a PX of 0 is an error.
redis.call('SET', KEYS[1], tostring(new_tat), 'PX', math.max(1, math.ceil(new_tat - now)))
return {granted, 0}
`;

/** Redis's name for the script (EVALSHA): the text crosses the wire only when Redis lacks it. */
export const GCRA_SCRIPT_SHA = createHash('sha1').update(GCRA_SCRIPT).digest('hex');

/** Limiter shared by every replica through Redis. */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'mrt:ratelimit:',
  ) {}

  async consume(key: string, rule: RateLimit): Promise<RateDecision> {
    const { granted, waitMs } = await this.claim(key, rule, 1);
    return { allowed: granted > 0, retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }

  /**
   * Takes up to `wanted` requests of the key's budget in one step: `granted` is how many the
   * budget held (0 when refused, with `waitMs` until the next one frees).
   */
  async claim(key: string, rule: RateLimit, wanted: number): Promise<RateClaim> {
    // The gateway asks on every request: sending the script's text (and Redis hashing it) each
    // time cost more than the decision. A Redis that lost its script cache (restart, SCRIPT
    // FLUSH) answers NOSCRIPT once and gets the text again.
    const args = [1, this.prefix + key, rule.windowMs, rule.limit, wanted] as const;
    const reply = await this.redis.evalsha(GCRA_SCRIPT_SHA, ...args).catch((error: unknown) => {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.redis.eval(GCRA_SCRIPT, ...args);
    });
    const [granted, waitMs] = reply as [number, number];
    return { granted, waitMs };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}

/**
 * Redis while it answers, this process's own budgets while it does not: an outage must not turn
 * into refusing (or failing) every request. During the outage a caller spread over N replicas
 * gets up to N budgets, which is the price of staying up.
 */
export class FallbackRateLimiter implements RateLimiter {
  private readonly local = new MemoryRateLimiter();

  constructor(
    private readonly shared: RateLimiter,
    private readonly onFallback: (error: unknown) => void = () => undefined,
  ) {}

  async consume(key: string, rule: RateLimit): Promise<RateDecision> {
    try {
      return await this.shared.consume(key, rule);
    } catch (error) {
      this.onFallback(error);
      return this.local.consume(key, rule);
    }
  }

  async reset(key: string): Promise<void> {
    await this.local.reset(key);
    try {
      await this.shared.reset(key);
    } catch (error) {
      this.onFallback(error);
    }
  }
}

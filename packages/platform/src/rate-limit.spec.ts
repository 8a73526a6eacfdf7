import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from './redis.js';
import { GCRA_SCRIPT_SHA, MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './rate-limit.js';
import { testEnv, uniqueName } from './testing/index.js';

const redis = createRedis(testEnv().TEST_REDIS_URL);
const prefix = `${uniqueName('rl')}:`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

// Both limiters must make the same decisions.
describe.each<[string, () => RateLimiter]>([
  ['memory', () => new MemoryRateLimiter()],
  ['redis', () => new RedisRateLimiter(redis, prefix)],
])('%s rate limiter', (_name, make) => {
  it('allows a burst up to the limit, then refuses with a retry-after', async () => {
    const limiter = make();
    const rule = { limit: 3, windowMs: 60_000 };
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.consume('login:a@example.com', rule));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    // One slot frees every window/limit = 20 s.
    expect(decisions[3]!.retryAfterSeconds).toBeGreaterThan(15);
    expect(decisions[3]!.retryAfterSeconds).toBeLessThanOrEqual(20);
  });

  it('keeps keys apart and recovers after reset or once time passes', async () => {
    const limiter = make();
    const rule = { limit: 1, windowMs: 300 };
    expect((await limiter.consume('k1', rule)).allowed).toBe(true);
    expect((await limiter.consume('k1', rule)).allowed).toBe(false);
    expect((await limiter.consume('k2', rule)).allowed).toBe(true);
    await limiter.reset('k1');
    expect((await limiter.consume('k1', rule)).allowed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await limiter.consume('k1', rule)).allowed).toBe(true);
  });
});

describe('redis rate limiter script', () => {
  it("decides by the script's hash, and sends the text again to a Redis that forgot it", async () => {
    const limiter = new RedisRateLimiter(redis, prefix);
    const rule = { limit: 2, windowMs: 60_000 };
    // A Redis restarted (or flushed) since the last decision has no scripts.
    await redis.script('FLUSH');
    expect((await limiter.consume('flushed', rule)).allowed).toBe(true);
    expect(await redis.script('EXISTS', GCRA_SCRIPT_SHA)).toEqual([1]);
    // The budget carried on across the reload: one more, then refused.
    expect((await limiter.consume('flushed', rule)).allowed).toBe(true);
    expect((await limiter.consume('flushed', rule)).allowed).toBe(false);
  });
});

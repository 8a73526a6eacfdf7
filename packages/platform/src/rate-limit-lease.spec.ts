import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from './redis.js';
import { RedisRateLimiter } from './rate-limit.js';
import { LeasedRateLimiter } from './rate-limit-lease.js';
import { testEnv, uniqueName } from './testing/index.js';

const redis = createRedis(testEnv().TEST_REDIS_URL);
const prefix = `${uniqueName('lease')}:`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** Two gateway replicas sharing one Redis budget. */
const replica = () => new LeasedRateLimiter(new RedisRateLimiter(redis, prefix), 10);

describe('leased rate limiter', () => {
  it('claims a chunk from Redis and spends it locally, then claims again', async () => {
    const limiter = replica();
    // One request per second: a claim of 10 moves the shared arrival time 10 s ahead.
    const rule = { limit: 1_000, windowMs: 1_000_000 };
    expect((await limiter.consume('chunked', rule)).allowed).toBe(true);
    const afterFirst = await redis.pttl(`${prefix}chunked`);
    expect(afterFirst).toBeGreaterThan(8_000);
    expect(afterFirst).toBeLessThanOrEqual(10_000);
    // The other nine come from the lease: Redis is not asked.
    for (let index = 0; index < 9; index += 1) expect((await limiter.consume('chunked', rule)).allowed).toBe(true);
    expect(await redis.pttl(`${prefix}chunked`)).toBeLessThanOrEqual(afterFirst);
    // The eleventh claims the next chunk.
    expect((await limiter.consume('chunked', rule)).allowed).toBe(true);
    expect(await redis.pttl(`${prefix}chunked`)).toBeGreaterThan(18_000);
  });

  it('allows exactly the budget across replicas, however requests are spread', async () => {
    const [first, second] = [replica(), replica()];
    const rule = { limit: 205, windowMs: 600_000 };
    let allowed = 0;
    let refusedBoth = false;
    for (let round = 0; !refusedBoth; round += 1) {
      const decisions = await Promise.all([first.consume('shared', rule), second.consume('shared', rule), first.consume('shared', rule)]);
      allowed += decisions.filter((decision) => decision.allowed).length;
      refusedBoth = decisions.every((decision) => !decision.allowed);
      expect(round).toBeLessThan(200);
    }
    // Each replica spends only what it claimed, and a claim at the edge takes what is left.
    expect(allowed).toBe(205);
    const refused = await second.consume('shared', rule);
    expect(refused.allowed).toBe(false);
    // One request frees every 600 s / 205 = 2.9 s.
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(2);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3);
  });

  it('serves a burst of concurrent requests from one claim and refuses the rest with a retry-after', async () => {
    const limiter = replica();
    const rule = { limit: 300, windowMs: 300_000 };
    // A caller who already spent all but 25 of its budget elsewhere.
    await new RedisRateLimiter(redis, prefix).claim('burst', rule, 275);
    const decisions = await Promise.all(Array.from({ length: 60 }, () => limiter.consume('burst', rule)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(25);
    for (const refused of decisions.filter((decision) => !decision.allowed)) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('asks Redis per request for small budgets, so they stay exact across replicas', async () => {
    const [first, second] = [replica(), replica()];
    const rule = { limit: 3, windowMs: 60_000 };
    const decisions = [];
    for (const limiter of [first, second, first, second]) decisions.push(await limiter.consume('small', rule));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
  });

  it('forgets its lease on reset', async () => {
    const limiter = replica();
    const rule = { limit: 200, windowMs: 600_000 };
    await new RedisRateLimiter(redis, prefix).claim('reset', rule, 199);
    expect((await limiter.consume('reset', rule)).allowed).toBe(true);
    expect((await limiter.consume('reset', rule)).allowed).toBe(false);
    await limiter.reset('reset');
    expect((await limiter.consume('reset', rule)).allowed).toBe(true);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, createRedis, type Redis } from '@mrt/platform';
import { testEnv, uniqueName } from '@mrt/platform/testing';
import type { RateBucket } from '../../domain/rate-limiter.js';
import { RedisSendRateLimiter, SharedSendRateLimiter } from './send-rate-limiter.js';

const redis = createRedis(testEnv().TEST_REDIS_URL, undefined, 'spec');
const opened: Redis[] = [redis];
afterAll(async () => {
  const keys = await redis.keys('spec_send_limit_*');
  if (keys.length > 0) await redis.del(...keys);
  for (const client of opened) client.disconnect();
});

const chat = (id: string): RateBucket => ({ key: `telegram:${id}`, limit: { count: 1, perMs: 60_000 } });

describe('send rate limits in Redis', () => {
  it('two workers draw from the same buckets: the second waits for the token the first took', async () => {
    const prefix = `${uniqueName('spec_send_limit')}:`;
    const first = new RedisSendRateLimiter(redis, prefix);
    const second = new RedisSendRateLimiter(redis, prefix);
    expect(await first.take([chat('a')])).toBe(0);
    const wait = await second.take([chat('a')]);
    expect(wait).toBeGreaterThan(50_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    // Another chat has its own bucket.
    expect(await second.take([chat('b')])).toBe(0);
  });

  it('takes from every bucket of a send or from none', async () => {
    const prefix = `${uniqueName('spec_send_limit')}:`;
    const limiter = new RedisSendRateLimiter(redis, prefix);
    const bot: RateBucket = { key: 'telegram', limit: { count: 2, perMs: 60_000 } };
    expect(await limiter.take([bot, chat('a')])).toBe(0);
    // The chat's bucket is empty: the bot-wide token stays where it was.
    expect(await limiter.take([bot, chat('a')])).toBeGreaterThan(0);
    expect(await limiter.take([bot, chat('b')])).toBe(0);
    expect(await limiter.take([bot, chat('c')])).toBeGreaterThan(0);
  });

  it('keeps no destination in its keys: a Discord webhook URL carries its secret', async () => {
    const prefix = `${uniqueName('spec_send_limit')}:`;
    const url = 'https://discord.com/api/webhooks/123/secret-token-value';
    await new RedisSendRateLimiter(redis, prefix).take([{ key: `discord:${url}`, limit: { count: 5, perMs: 2_000 } }]);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^${prefix}discord:[\\w-]{22}$`));
  });

  it('while Redis does not answer, the worker keeps under the limits on its own instead of failing the send', async () => {
    // Nothing listens on port 1: every command fails at once.
    const away = createRedis('redis://127.0.0.1:1', undefined, 'spec-away', { failFast: true });
    opened.push(away);
    const limiter = new SharedSendRateLimiter(new RedisSendRateLimiter(away, 'spec_send_limit_away:'), createLogger({ name: 'spec', level: 'silent' }));
    expect(await limiter.take([chat('a')], 0)).toBe(0);
    expect(await limiter.take([chat('a')], 1_000)).toBe(59_000);
  });
});

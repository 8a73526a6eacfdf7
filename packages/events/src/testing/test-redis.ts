import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set (vitest.config.ts provides it)');
  return url;
}

export function randomKeyPrefix(): string {
  return `test:events:${randomBytes(6).toString('hex')}:`;
}

/** Removes only this test's keys: the shared Redis is never flushed. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export interface TestRedis {
  url: string;
  prefix: string;
  /** A plain connection for inspecting streams in assertions. */
  redis: Redis;
  cleanup(): Promise<void>;
}

export async function createTestRedis(): Promise<TestRedis> {
  const url = testRedisUrl();
  const prefix = randomKeyPrefix();
  const redis = new Redis(url);
  return {
    url,
    prefix,
    redis,
    cleanup: async () => {
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../redis.js';
import { testEnv, uniqueName } from '../testing/index.js';
import { MemorySessionRevocations, RedisSessionRevocations } from './session-revocations.js';

const redis = createRedis(testEnv().TEST_REDIS_URL, undefined, 'spec');
afterAll(() => redis.disconnect());

describe('ended sessions', () => {
  it('in Redis: a later, lower mark (a reset after a deletion) neither lowers the mark nor shortens its life', async () => {
    const prefix = `${uniqueName('spec_sessions')}:`;
    const marks = new RedisSessionRevocations(redis, prefix);
    expect(await marks.notBefore('u1')).toBeNull();
    await marks.revoke('u1', 2_000, 930);
    await marks.revoke('u1', 1_000, 60);
    expect(await marks.notBefore('u1')).toBe(2_000);
    expect(await redis.pttl(`${prefix}sessions:not-before:u1`)).toBeGreaterThan(60_000);
    expect(await marks.notBefore('u2')).toBeNull();
    await redis.del(`${prefix}sessions:not-before:u1`);
  });

  it('in memory: the same, and a mark is forgotten once it outlived every token it concerned', async () => {
    let now = 0;
    const marks = new MemorySessionRevocations(() => now);
    await marks.revoke('u1', 2_000, 930);
    await marks.revoke('u1', 1_000, 60);
    expect(await marks.notBefore('u1')).toBe(2_000);
    now = 929_000;
    expect(await marks.notBefore('u1')).toBe(2_000);
    now = 930_000;
    expect(await marks.notBefore('u1')).toBeNull();
  });
});

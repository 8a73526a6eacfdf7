import { describe, expect, it } from 'vitest';
import { RateLimiter, type RateBucket } from './rate-limiter.js';

const perChat = (chat: string): RateBucket => ({ key: `telegram:${chat}`, limit: { count: 1, perMs: 1_000 } });
const global: RateBucket = { key: 'telegram', limit: { count: 30, perMs: 1_000 } };

describe('RateLimiter', () => {
  it('lets one send per second through a chat bucket and tells how long the next one waits', () => {
    const limiter = new RateLimiter();
    expect(limiter.take([global, perChat('a')], 0)).toBe(0);
    expect(limiter.take([global, perChat('a')], 200)).toBe(800);
    expect(limiter.take([global, perChat('b')], 200)).toBe(0);
    expect(limiter.take([global, perChat('a')], 1_000)).toBe(0);
  });

  it('a burst up to the count goes at once, then sends are spread evenly (Discord: 5 per 2 s)', () => {
    const limiter = new RateLimiter();
    const webhook: RateBucket = { key: 'discord:w', limit: { count: 5, perMs: 2_000 } };
    for (let i = 0; i < 5; i++) expect(limiter.take([webhook], 0)).toBe(0);
    expect(limiter.take([webhook], 0)).toBe(400);
    expect(limiter.take([webhook], 400)).toBe(0);
  });

  it('a waiting send takes no token from the buckets that had one (the global one stays full)', () => {
    const limiter = new RateLimiter();
    const tight: RateBucket = { key: 'g', limit: { count: 2, perMs: 1_000 } };
    expect(limiter.take([tight, perChat('a')], 0)).toBe(0);
    expect(limiter.take([tight, perChat('a')], 0)).toBe(1_000);
    expect(limiter.take([tight, perChat('b')], 0)).toBe(0);
    expect(limiter.take([tight, perChat('c')], 0)).toBe(500);
  });

  it('no buckets: never waits', () => {
    expect(new RateLimiter().take([], 0)).toBe(0);
  });
});

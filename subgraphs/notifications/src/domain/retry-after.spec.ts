import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-after.js';

describe('retryAfterMs', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('reads delta seconds, HTTP dates and a JSON retry_after, taking the longest', () => {
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 12:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs(null, now, { bodySeconds: 1.25 })).toBe(1_250);
    expect(retryAfterMs('1', now, { bodySeconds: 2.5 })).toBe(2_500);
  });

  it('ignores what says nothing and caps what asks too much', () => {
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('soon', now, { bodySeconds: 'x' })).toBeNull();
    expect(retryAfterMs('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('999999', now, { maxMs: 60_000 })).toBe(60_000);
  });
});

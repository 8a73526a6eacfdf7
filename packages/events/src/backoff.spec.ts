import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

describe('backoffDelayMs', () => {
  const options = { initialMs: 100, maxMs: 1_000, factor: 2, jitter: 0.5 };

  it('grows exponentially up to the ceiling', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, options, noJitter))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('randomises at most the jitter share of the delay', () => {
    expect(backoffDelayMs(3, options, () => 1)).toBe(200);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(300);
    expect(backoffDelayMs(3, { ...options, jitter: 1 }, () => 1)).toBe(0);
  });
});

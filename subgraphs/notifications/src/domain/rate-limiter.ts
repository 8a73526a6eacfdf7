/** At most `count` sends per `perMs` through one bucket (a provider's published limit). */
export interface RateLimit {
  count: number;
  perMs: number;
}

/** One bucket a send passes through: the provider's global one, or the destination's own. */
export interface RateBucket {
  key: string;
  limit: RateLimit;
}

/**
 * Token buckets per key, so a send waits its turn instead of provoking the provider's 429.
 * A send takes a token from every bucket it passes through, or from none when one is empty;
 * buckets start full and refill evenly (`count` tokens per `perMs`). Pure: the caller gives the time.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** 0 when the send may go now (its tokens are taken); else how many ms until it may. */
  take(buckets: readonly RateBucket[], nowMs: number): number {
    const states = buckets.map((bucket) => ({ bucket, state: this.refilled(bucket, nowMs) }));
    const waitMs = Math.max(0, ...states.map(({ bucket, state }) => (state.tokens >= 1 ? 0 : Math.ceil(((1 - state.tokens) * bucket.limit.perMs) / bucket.limit.count))));
    if (waitMs > 0) return waitMs;
    for (const { bucket, state } of states) this.buckets.set(bucket.key, { tokens: state.tokens - 1, at: nowMs });
    return 0;
  }

  private refilled(bucket: RateBucket, nowMs: number): { tokens: number; at: number } {
    const state = this.buckets.get(bucket.key);
    if (!state) return { tokens: bucket.limit.count, at: nowMs };
    const refill = (Math.max(0, nowMs - state.at) * bucket.limit.count) / bucket.limit.perMs;
    return { tokens: Math.min(bucket.limit.count, state.tokens + refill), at: nowMs };
  }
}

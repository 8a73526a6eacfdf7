import type { RateClaim, RateDecision, RateLimit, RateLimiter } from './rate-limit.js';

/** The shared budget a lease is taken from (RedisRateLimiter). */
export interface ClaimingRateLimiter extends RateLimiter {
  claim(key: string, rule: RateLimit, wanted: number): Promise<RateClaim>;
}

interface Lease {
  /** Requests claimed from the shared budget and not yet spent here. */
  tokens: number;
  /** Unspent tokens are dropped then: a claim is spent within one window or not at all. */
  expiresAt: number;
  /** The shared budget was empty: refused here, without asking, until the next request frees. */
  refusedUntil: number;
  /** A claim in flight; requests for the key wait for it instead of claiming too. */
  claim?: Promise<void>;
  /** Requests waiting for that claim: the next claim asks for at least as many. */
  waiting: number;
}

const ALLOWED: RateDecision = { allowed: true, retryAfterSeconds: 0 };
/** Claims take a hundredth of a key's budget: what a replica may hold unspent stays small beside it. */
const CLAIM_SHARE = 100;
const MAX_LEASES = 100_000;

/**
 * A shared GCRA budget spent locally in chunks: this process claims several requests of a key at
 * once (one Redis round trip) and spends them without asking again, where asking on every
 * request cost a round trip per request (bench/RESULTS.md, "Where a nested page's CPU goes").
 *
 * Accuracy: every request allowed was claimed from the shared budget first, so no replica spends
 * more than it claimed; claims are taken early, so in any window a key gets at most its GCRA
 * budget plus what the replicas held unspent at the window's start: under `claimSize` - 1
 * requests per replica (1 % of the budget, at most `maxClaim` - 1). A client spread over N
 * replicas may be refused that much early instead, while tokens it could use sit in another
 * replica. A claim is as large as the budget allows (never refused while a request is left), and
 * a refusal is remembered until the next request frees, so a flood over the limit costs no
 * round trips. Budgets under 200 requests claim one at a time and stay exact.
 */
export class LeasedRateLimiter implements RateLimiter {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly shared: ClaimingRateLimiter,
    private readonly maxClaim: number,
    private readonly now: () => number = Date.now,
  ) {}

  async consume(key: string, rule: RateLimit): Promise<RateDecision> {
    const claimSize = Math.min(this.maxClaim, Math.floor(rule.limit / CLAIM_SHARE));
    if (claimSize <= 1) return this.shared.consume(key, rule);
    for (;;) {
      const now = this.now();
      const lease = this.leases.get(key) ?? this.open(key, now);
      if (lease.tokens > 0 && now < lease.expiresAt) {
        lease.tokens -= 1;
        return ALLOWED;
      }
      if (now < lease.refusedUntil) return { allowed: false, retryAfterSeconds: Math.ceil((lease.refusedUntil - now) / 1000) };
      if (lease.claim) {
        lease.waiting += 1;
        try {
          await lease.claim;
        } finally {
          lease.waiting -= 1;
        }
        continue;
      }
      lease.claim = this.refill(key, lease, rule, Math.max(claimSize, lease.waiting + 1)).finally(() => (lease.claim = undefined));
      await lease.claim;
    }
  }

  async reset(key: string): Promise<void> {
    this.leases.delete(key);
    await this.shared.reset(key);
  }

  private async refill(key: string, lease: Lease, rule: RateLimit, wanted: number): Promise<void> {
    const { granted, waitMs } = await this.shared.claim(key, rule, wanted);
    const now = this.now();
    if (granted > 0) {
      // Tokens left from an expired claim were already dropped by the caller's check.
      lease.tokens = (now < lease.expiresAt ? lease.tokens : 0) + granted;
      lease.expiresAt = now + rule.windowMs;
    } else {
      lease.refusedUntil = now + Math.max(1, waitMs);
    }
  }

  private open(key: string, now: number): Lease {
    if (this.leases.size >= MAX_LEASES) this.evict(now);
    const lease: Lease = { tokens: 0, expiresAt: 0, refusedUntil: 0, waiting: 0 };
    this.leases.set(key, lease);
    return lease;
  }

  /** Leases with nothing left to spend or wait for carry no state worth keeping. */
  private evict(now: number): void {
    for (const [key, lease] of this.leases) {
      if (!lease.claim && (lease.tokens === 0 || now >= lease.expiresAt) && now >= lease.refusedUntil) this.leases.delete(key);
    }
  }
}

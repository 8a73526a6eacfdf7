import type { Redis } from 'ioredis';

/**
 * When an account's sessions end (password reset or change, account deletion), the access tokens
 * it already holds must stop working at once rather than when they expire. The users service
 * records a per-user "not before" (unix seconds); every verifier refuses that user's tokens issued
 * earlier. A record outlives every token it can concern (the access-token lifetime) and then goes.
 */
export interface SessionRevocations {
  /** Refuses the user's tokens issued before `notBeforeSeconds` for the next `ttlSeconds`; never lowers an existing mark. */
  revoke(userId: string, notBeforeSeconds: number, ttlSeconds: number): Promise<void>;
  /** The user's mark, or null when no session of theirs was ended lately. */
  notBefore(userId: string): Promise<number | null>;
}

/** One process's marks: the one-process launcher without Redis, where users, subgraphs and gateway share it. */
export class MemorySessionRevocations implements SessionRevocations {
  private readonly marks = new Map<string, { notBefore: number; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async revoke(userId: string, notBeforeSeconds: number, ttlSeconds: number): Promise<void> {
    this.evictExpired();
    const current = this.marks.get(userId);
    const until = this.now() + ttlSeconds * 1_000;
    this.marks.set(userId, { notBefore: Math.max(notBeforeSeconds, current?.notBefore ?? 0), until: Math.max(until, current?.until ?? 0) });
  }

  async notBefore(userId: string): Promise<number | null> {
    const mark = this.marks.get(userId);
    return mark && mark.until > this.now() ? mark.notBefore : null;
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [userId, mark] of this.marks) if (mark.until <= now) this.marks.delete(userId);
  }
}

// Raises the mark and its lifetime, never lowers them: a password reset right after a deletion
// must not reopen the deleted account's tokens.
const REVOKE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
redis.call('SET', KEYS[1], tostring(math.max(current, tonumber(ARGV[1]))), 'PX', math.max(ttl, tonumber(ARGV[2])))
return 1
`;

/** Marks in Redis, seen by every replica of the gateway and the subgraphs: one GET per verified token. */
export class RedisSessionRevocations implements SessionRevocations {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'mrt:',
  ) {}

  async revoke(userId: string, notBeforeSeconds: number, ttlSeconds: number): Promise<void> {
    await this.redis.eval(REVOKE_SCRIPT, 1, this.key(userId), notBeforeSeconds, ttlSeconds * 1_000);
  }

  async notBefore(userId: string): Promise<number | null> {
    const value = await this.redis.get(this.key(userId));
    return value === null ? null : Number(value);
  }

  private key(userId: string): string {
    return `${this.prefix}sessions:not-before:${userId}`;
  }
}

/** Reports a verifier's failed reads once per distinct error, not once per request. */
export function revocationsUnavailableReporter(warn: (message: string, error: unknown) => void): (error: unknown) => void {
  let last = '';
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (message === last) return;
    last = message;
    warn('ended sessions could not be checked; tokens are accepted until they expire', error);
  };
}

/** Shared through Redis when the process has it; otherwise this process's own marks. */
export function createSessionRevocations(redis: Redis | undefined, keyPrefix: string): SessionRevocations {
  return redis ? new RedisSessionRevocations(redis, keyPrefix) : new MemorySessionRevocations();
}

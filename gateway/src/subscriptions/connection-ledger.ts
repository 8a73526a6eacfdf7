import type { Logger, Redis } from '@mrt/platform';

/**
 * Who holds which open graphql-ws connections, for the per-user limit. `admit` checks and
 * records in one step (a Lua script in Redis, a synchronous map update in process), so a burst
 * of connections cannot all pass the check before any of them is counted.
 */
export interface ConnectionLedger {
  /** Records the connection under `key` unless `key` already holds `max`; false when refused. */
  admit(key: string, connectionId: string, max: number): Promise<boolean>;
  release(key: string, connectionId: string): void;
  stop(): Promise<void>;
}

/** One process's connections: exact for a single replica, and the fallback while Redis is away. */
export class LocalConnectionLedger implements ConnectionLedger {
  private readonly byKey = new Map<string, Set<string>>();

  async admit(key: string, connectionId: string, max: number): Promise<boolean> {
    return this.admitNow(key, connectionId, max);
  }

  admitNow(key: string, connectionId: string, max: number): boolean {
    const open = this.byKey.get(key) ?? new Set<string>();
    if (open.size >= max) return false;
    open.add(connectionId);
    this.byKey.set(key, open);
    return true;
  }

  release(key: string, connectionId: string): void {
    const open = this.byKey.get(key);
    if (!open) return;
    open.delete(connectionId);
    if (open.size === 0) this.byKey.delete(key);
  }

  async stop(): Promise<void> {
    this.byKey.clear();
  }
}

// A sorted set per user: member = connection id, score = when its lease runs out. Expired leases
// (a replica that died without releasing) are dropped before counting.
const ADMIT_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
return 1
`;

const RENEW_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease = tonumber(ARGV[1])
for index, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', now + lease, ARGV[index + 1])
  redis.call('PEXPIRE', key, lease)
end
return 0
`;

export interface RedisConnectionLedgerOptions {
  prefix: string;
  logger: Logger;
  /** How long a connection counts without being renewed (a crashed replica's leases lapse). */
  leaseMs?: number;
}

/**
 * Connections counted across every gateway replica. When Redis cannot answer, admission falls
 * back to this process's own count rather than refusing every live client: the limit is then
 * per replica until Redis returns.
 */
export class RedisConnectionLedger implements ConnectionLedger {
  private readonly mine = new Map<string, { key: string; shared: boolean }>();
  private readonly local = new LocalConnectionLedger();
  private readonly leaseMs: number;
  private readonly renewTimer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisConnectionLedgerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.renewTimer = setInterval(() => void this.renew(), Math.max(1_000, Math.floor(this.leaseMs / 3)));
    this.renewTimer.unref();
  }

  async admit(key: string, connectionId: string, max: number): Promise<boolean> {
    try {
      const admitted = (await this.redis.eval(ADMIT_SCRIPT, 1, this.redisKey(key), connectionId, max, this.leaseMs)) === 1;
      if (admitted) this.mine.set(connectionId, { key, shared: true });
      return admitted;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'connection ledger: Redis unavailable, counting this replica only');
      const admitted = this.local.admitNow(key, connectionId, max);
      if (admitted) this.mine.set(connectionId, { key, shared: false });
      return admitted;
    }
  }

  release(key: string, connectionId: string): void {
    const entry = this.mine.get(connectionId);
    if (!entry) return;
    this.mine.delete(connectionId);
    if (!entry.shared) return this.local.release(key, connectionId);
    // A release lost to an outage only delays the slot until its lease runs out.
    this.redis.zrem(this.redisKey(key), connectionId).catch(() => undefined);
  }

  async stop(): Promise<void> {
    clearInterval(this.renewTimer);
    const shared = [...this.mine].filter(([, entry]) => entry.shared);
    this.mine.clear();
    await this.local.stop();
    await Promise.all(shared.map(([id, entry]) => this.redis.zrem(this.redisKey(entry.key), id).catch(() => undefined)));
  }

  private async renew(): Promise<void> {
    const shared = [...this.mine].filter(([, entry]) => entry.shared);
    if (shared.length === 0) return;
    try {
      await this.redis.eval(RENEW_SCRIPT, shared.length, ...shared.map(([, entry]) => this.redisKey(entry.key)), this.leaseMs, ...shared.map(([id]) => id));
    } catch {
      // Redis is away: the leases lapse there, and this replica keeps serving its sockets.
    }
  }

  private redisKey(key: string): string {
    return `${this.options.prefix}${key}`;
  }
}

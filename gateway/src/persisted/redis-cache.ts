import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { Redis } from '@mrt/platform';

type KeyValueCache = NonNullable<Exclude<ApolloServerOptions<BaseContext>['persistedQueries'], false | undefined>['cache']>;
type KeyValueCacheSetOptions = Parameters<KeyValueCache['set']>[2];

/**
 * Apollo's cache interface over Redis, so every gateway replica knows every registered APQ hash.
 * While Redis is away a lookup is a miss (the client then sends the full query, which works)
 * and a registration is skipped: persisted queries are an optimisation, never a reason to fail.
 */
export class RedisKeyValueCache implements KeyValueCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onUnavailable: (error: unknown) => void = () => undefined,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.onUnavailable(error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', options.ttl);
      else await this.redis.set(this.prefix + key, value);
    } catch (error) {
      this.onUnavailable(error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.prefix + key)) > 0;
    } catch (error) {
      this.onUnavailable(error);
      return false;
    }
  }
}

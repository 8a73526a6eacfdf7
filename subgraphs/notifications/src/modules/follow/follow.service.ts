import type { DataSource, EntityManager } from 'typeorm';
import type { EventData } from '@mrt/events';
import { BadUserInputError, NotFoundError, parseInput, AppError, ErrorCode } from '@mrt/graphql-kit';
import { NotificationChannelStore } from '../channel/notification-channel.store.js';
import { FanProfileProjection } from '../projection/fan-profile.projection.js';
import { DEFAULT_FOLLOW_EVENTS } from './follow-target-type.js';
import type { FollowEntity } from './follow.entity.js';
import { FollowStore } from './follow.store.js';
import { followSchema, updateFollowSchema } from './follow.validation.js';
import type { Follow } from './follow.type.js';
import { normalizeDecimal } from '@mrt/money';

/** A fan follows a bounded number of things: each event's matching query stays small. */
export const MAX_FOLLOWS_PER_USER = 1_000;

export class FollowService {
  private readonly follows: FollowStore;

  constructor(private readonly dataSource: DataSource) {
    this.follows = new FollowStore(dataSource);
  }

  listForUser(userId: string): Promise<FollowEntity[]> {
    return this.follows.listOfUser(userId);
  }

  /** Following the same target again updates that follow instead of adding a second one. */
  async follow(userId: string, input: unknown): Promise<FollowEntity> {
    const parsed = parseInput(followSchema, input);
    const existing = await this.follows.findOfTarget(userId, parsed.targetType, parsed.targetId);
    if (!existing && (await this.follows.countOfUser(userId)) >= MAX_FOLLOWS_PER_USER) {
      throw new AppError(`You follow ${MAX_FOLLOWS_PER_USER} things already; unfollow some first`, ErrorCode.CONFLICT);
    }
    const follow = existing ?? this.follows.create({ userId, targetType: parsed.targetType, targetId: parsed.targetId });
    follow.events = parsed.events ? unique(parsed.events) : [...DEFAULT_FOLLOW_EVENTS[parsed.targetType]];
    follow.formats = parsed.formats ? unique(parsed.formats) : null;
    follow.releaseTypes = parsed.releaseTypes ? unique(parsed.releaseTypes) : null;
    follow.maxPriceAmount = parsed.maxPrice?.amount ?? null;
    follow.maxPriceCurrency = parsed.maxPrice?.currency ?? null;
    follow.steps = parsed.steps ? unique(parsed.steps) : null;
    await this.setDeliveredCondition(follow, parsed.maxDeliveredPrice ?? null, parsed.country ?? null);
    follow.channelIds = await this.ownChannels(userId, parsed.channelIds);
    return this.follows.save(follow);
  }

  /**
   * A release the fan wants (releases' collection.want.added): follow it, and its bands when asked,
   * with default rules. Idempotent: a target already followed keeps the rules the fan chose, so a
   * redelivered or repeated event changes nothing. Past the follow bound the rest is skipped, not
   * failed: an import must not be stuck redelivering for a fan who follows 1 000 things.
   */
  async followWanted(data: EventData<'collection.want.added'>, manager: EntityManager): Promise<void> {
    const follows = new FollowStore(manager);
    const targets: { type: 'RELEASE' | 'BAND'; id: string }[] = [{ type: 'RELEASE', id: data.releaseId }, ...(data.followBands ? data.bandIds.map((id) => ({ type: 'BAND' as const, id })) : [])];
    let count = await follows.countOfUser(data.userId);
    for (const target of targets) {
      if (count >= MAX_FOLLOWS_PER_USER) return;
      if (await follows.insertIfAbsent(data.userId, target.type, target.id, DEFAULT_FOLLOW_EVENTS[target.type])) count += 1;
    }
  }

  async update(userId: string, id: string, input: Record<string, unknown>): Promise<FollowEntity> {
    const parsed = parseInput(updateFollowSchema, input);
    const follow = await this.own(userId, id);
    // Omitted keys keep their value; an explicit null clears the filter (events fall back to defaults).
    if ('events' in input) follow.events = parsed.events ? unique(parsed.events) : [...DEFAULT_FOLLOW_EVENTS[follow.targetType]];
    if ('formats' in input) follow.formats = parsed.formats ? unique(parsed.formats) : null;
    if ('releaseTypes' in input) follow.releaseTypes = parsed.releaseTypes ? unique(parsed.releaseTypes) : null;
    if ('maxPrice' in input) {
      follow.maxPriceAmount = parsed.maxPrice?.amount ?? null;
      follow.maxPriceCurrency = parsed.maxPrice?.currency ?? null;
    }
    if (('steps' in input && parsed.steps) || ('maxDeliveredPrice' in input && parsed.maxDeliveredPrice)) {
      if (follow.targetType !== 'RELEASE') {
        const path = 'steps' in input && parsed.steps ? 'steps' : 'maxDeliveredPrice';
        throw new BadUserInputError('Not a release follow', [{ path, message: 'only a RELEASE follow has lifecycle steps and a delivered-price condition' }]);
      }
    }
    if ('steps' in input) follow.steps = parsed.steps ? unique(parsed.steps) : null;
    if ('maxDeliveredPrice' in input) await this.setDeliveredCondition(follow, parsed.maxDeliveredPrice ?? null, parsed.country ?? follow.deliveredCountry);
    if ('channelIds' in input) follow.channelIds = await this.ownChannels(userId, parsed.channelIds);
    return this.follows.save(follow);
  }

  unfollow(userId: string, id: string): Promise<boolean> {
    return this.follows.delete(userId, uuidOrNil(id));
  }

  /**
   * The delivered-price condition: at most `max` (in the fan's currency) delivered to `country`,
   * by default the fan's profile country (this subgraph's copy of users' profile). Without a
   * country to deliver to, the condition could judge nothing: BAD_USER_INPUT naming `country`.
   */
  private async setDeliveredCondition(follow: FollowEntity, max: { amount: string; currency: string } | null, country: string | null): Promise<void> {
    if (!max) {
      follow.maxDeliveredAmount = follow.maxDeliveredCurrency = follow.deliveredCountry = null;
      return;
    }
    const to = country ?? (await new FanProfileProjection(this.dataSource).countryOf(follow.userId));
    if (!to) throw new BadUserInputError('No country to deliver to', [{ path: 'country', message: 'give a country, or set one in your profile' }]);
    follow.maxDeliveredAmount = max.amount;
    follow.maxDeliveredCurrency = max.currency;
    follow.deliveredCountry = to;
  }

  /** Only the fan's own channels may be chosen; someone else's id is as good as unknown. */
  private async ownChannels(userId: string, ids: readonly string[] | null | undefined): Promise<string[] | null> {
    if (ids === null || ids === undefined) return null;
    const wanted = unique(ids);
    const owned = await new NotificationChannelStore(this.dataSource).ownedIds(userId, wanted);
    const unknown = wanted.filter((id) => !owned.has(id));
    if (unknown.length > 0) throw new BadUserInputError('Unknown notification channel', [{ path: 'channelIds', message: `not one of your channels: ${unknown.join(', ')}` }]);
    return wanted;
  }

  /** Another user's follow is reported as missing, not forbidden: ids leak nothing. */
  private async own(userId: string, id: string): Promise<FollowEntity> {
    const follow = await this.follows.findOwn(userId, uuidOrNil(id));
    if (!follow) throw new NotFoundError('Follow', id);
    return follow;
  }
}

export function toFollow(entity: FollowEntity): Follow {
  return {
    id: entity.id,
    targetType: entity.targetType,
    targetId: entity.targetId,
    events: entity.events,
    formats: entity.formats,
    releaseTypes: entity.releaseTypes,
    // numeric(18,6) reads "12.990000": show what the fan typed.
    maxPrice: entity.maxPriceAmount && entity.maxPriceCurrency ? { amount: normalizeDecimal(entity.maxPriceAmount), currency: entity.maxPriceCurrency } : null,
    steps: entity.steps,
    maxDeliveredPrice: entity.maxDeliveredAmount && entity.maxDeliveredCurrency ? { amount: normalizeDecimal(entity.maxDeliveredAmount), currency: entity.maxDeliveredCurrency } : null,
    country: entity.deliveredCountry,
    channelIds: entity.channelIds,
    createdAt: entity.createdAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id cannot match a row; the nil UUID keeps PostgreSQL from rejecting the cast. */
export function uuidOrNil(id: string): string {
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

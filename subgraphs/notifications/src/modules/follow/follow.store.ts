import type { DataSource, DeepPartial, EntityManager, Repository } from 'typeorm';
import type { FollowTargetType } from './follow-target-type.js';
import { FollowEntity } from './follow.entity.js';

/** A follow as the matcher reads it: whose it is, its rules and its channels. */
export type MatchableFollow = Pick<
  FollowEntity,
  'userId' | 'events' | 'formats' | 'releaseTypes' | 'maxPriceAmount' | 'maxPriceCurrency' | 'steps' | 'maxDeliveredAmount' | 'maxDeliveredCurrency' | 'deliveredCountry' | 'channelIds'
>;

/** A matchable follow with the target it follows: a batch's follows are read at once and told apart by it. */
export type TargetedFollow = MatchableFollow & { targetType: FollowTargetType; targetId: string };

/** The only place with SQL or repository calls for the follow table. */
export class FollowStore {
  private readonly follows: Repository<FollowEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.follows = db.getRepository(FollowEntity);
  }

  listOfUser(userId: string): Promise<FollowEntity[]> {
    return this.follows.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findOwn(userId: string, id: string): Promise<FollowEntity | null> {
    return this.follows.findOne({ where: { id, userId } });
  }

  findOfTarget(userId: string, targetType: FollowTargetType, targetId: string): Promise<FollowEntity | null> {
    return this.follows.findOne({ where: { userId, targetType, targetId } });
  }

  countOfUser(userId: string): Promise<number> {
    return this.follows.count({ where: { userId } });
  }

  /** A new, unsaved follow. */
  create(fields: DeepPartial<FollowEntity>): FollowEntity {
    return this.follows.create(fields);
  }

  /** Adds a follow with default rules unless the user follows that target already (whose rules then stay as the fan set them). */
  async insertIfAbsent(userId: string, targetType: FollowTargetType, targetId: string, events: readonly string[]): Promise<boolean> {
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO follow (user_id, target_type, target_id, events) VALUES ($1, $2, $3, $4::text[])
       ON CONFLICT (user_id, target_type, target_id) DO NOTHING RETURNING id`,
      [userId, targetType, targetId, events],
    );
    return inserted.length > 0;
  }

  save(follow: FollowEntity): Promise<FollowEntity> {
    return this.follows.save(follow);
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.follows.delete({ id, userId });
    return (result.affected ?? 0) > 0;
  }

  /** Account deletion: every row of the user. */
  async deleteAllOf(userId: string): Promise<void> {
    await this.follows.delete({ userId });
  }

  /** Everyone who follows anything: this subgraph knows no other users. */
  async followerIds(): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.query(`SELECT DISTINCT user_id FROM follow`);
    return rows.map((row) => row.user_id);
  }

  /** Everyone who follows this one band, label or genre (the follow_target index serves it). */
  async followerIdsOf(target: { type: FollowTargetType; id: string }): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.query(`SELECT DISTINCT user_id FROM follow WHERE target_type = $1 AND target_id = $2`, [target.type, target.id]);
    return rows.map((row) => row.user_id);
  }

  /** The ids of what the user follows of one type. */
  async targetIdsOfUser(userId: string, targetType: FollowTargetType): Promise<string[]> {
    const rows: { target_id: string }[] = await this.db.query(`SELECT target_id FROM follow WHERE user_id = $1 AND target_type = $2`, [userId, targetType]);
    return rows.map((row) => row.target_id);
  }

  /** Every follow of any of the targets (the follow_target index serves each pair). */
  async ofTargets(targets: readonly { type: FollowTargetType; id: string }[]): Promise<TargetedFollow[]> {
    const rows: FollowRow[] = await this.db.query(
      `SELECT ${FOLLOW_COLUMNS} FROM follow f JOIN unnest($1::text[], $2::uuid[]) AS t(target_type, target_id)
         ON f.target_type = t.target_type AND f.target_id = t.target_id`,
      [targets.map((t) => t.type), targets.map((t) => t.id)],
    );
    return rows.map(toTargetedFollow);
  }

  /**
   * The release follows with a delivered-price condition in `country` set that a shop's offers
   * may concern: the follows of releases this shop has a live offer of, with those offers.
   */
  async deliveredFollowsOfShop(distributorId: string): Promise<(TargetedFollow & { offerId: string })[]> {
    const rows: (FollowRow & { offer_id: string })[] = await this.db.query(
      `SELECT ${FOLLOW_COLUMNS}, o.offer_id FROM offer_projection o
       JOIN follow f ON f.target_type = 'RELEASE' AND f.target_id = o.release_id AND f.max_delivered_amount IS NOT NULL
       WHERE o.distributor_id = $1 AND NOT o.removed`,
      [distributorId],
    );
    return rows.map((row) => ({ ...toTargetedFollow(row), offerId: row.offer_id }));
  }
}

const FOLLOW_COLUMNS = `f.target_type, f.target_id, f.user_id, f.events, f.formats, f.release_types, f.max_price_amount::text, f.max_price_currency,
  f.steps, f.max_delivered_amount::text, f.max_delivered_currency, f.delivered_country, f.channel_ids`;

interface FollowRow {
  target_type: FollowTargetType;
  target_id: string;
  user_id: string;
  events: FollowEntity['events'];
  formats: FollowEntity['formats'];
  release_types: FollowEntity['releaseTypes'];
  max_price_amount: string | null;
  max_price_currency: string | null;
  steps: FollowEntity['steps'];
  max_delivered_amount: string | null;
  max_delivered_currency: string | null;
  delivered_country: string | null;
  channel_ids: string[] | null;
}

function toTargetedFollow(row: FollowRow): TargetedFollow {
  return {
    targetType: row.target_type,
    targetId: row.target_id,
    userId: row.user_id,
    events: row.events,
    formats: row.formats,
    releaseTypes: row.release_types,
    maxPriceAmount: row.max_price_amount,
    maxPriceCurrency: row.max_price_currency,
    steps: row.steps,
    maxDeliveredAmount: row.max_delivered_amount,
    maxDeliveredCurrency: row.max_delivered_currency,
    deliveredCountry: row.delivered_country,
    channelIds: row.channel_ids,
  };
}

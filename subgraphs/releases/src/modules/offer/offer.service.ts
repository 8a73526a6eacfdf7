import type { DataSource, Repository } from 'typeorm';
import type { Format, StockStatus } from '@mrt/events';
import { BadUserInputError, findByIds, groupByKey } from '@mrt/graphql-kit';
import { OfferEntity } from './offer.entity.js';
import { PricePointEntity } from './price-point.entity.js';

export interface OfferListArgs {
  stock?: StockStatus[] | null;
  formats?: Format[] | null;
}

/** A release is rarely sold by more shops than this; the bound keeps one response finite. */
export const OFFERS_PER_RELEASE = 100;
export const PRICE_HISTORY_LIMITS = { default: 50, max: 500 } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class OfferService {
  private readonly offers: Repository<OfferEntity>;
  private readonly points: Repository<PricePointEntity>;

  constructor(dataSource: DataSource) {
    this.offers = dataSource.getRepository(OfferEntity);
    this.points = dataSource.getRepository(PricePointEntity);
  }

  findByIds(ids: readonly string[]): Promise<OfferEntity[]> {
    return findByIds(this.offers, ids.filter((id) => UUID.test(id)));
  }

  /** Live offers of many releases in one statement, each release's cheapest first (unpriced last). */
  async liveForReleases(releaseIds: readonly string[], args: OfferListArgs): Promise<OfferEntity[][]> {
    const query = this.offers
      .createQueryBuilder('o')
      .where('o.release_id = ANY(:releaseIds)', { releaseIds })
      .andWhere('o.removed_at IS NULL')
      .orderBy('o.release_id')
      .addOrderBy('o.price_amount', 'ASC', 'NULLS LAST')
      .addOrderBy('o.id');
    if (args.stock?.length) query.andWhere('o.stock IN (:...stock)', { stock: args.stock });
    if (args.formats?.length) query.andWhere('o.format IN (:...formats)', { formats: args.formats });
    const offers = await query.getMany();
    return groupByKey(releaseIds, offers, (offer) => offer.releaseId).map((group) => group.slice(0, OFFERS_PER_RELEASE));
  }

  /**
   * Every offer of these releases, removed ones too, with its whole price history oldest first:
   * what a release's timeline is made of. Bounded per offer like the price history.
   */
  async historyForReleases(releaseIds: readonly string[]): Promise<{ offers: OfferEntity[]; points: PricePointEntity[] }> {
    const ids = releaseIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return { offers: [], points: [] };
    const offers = await this.offers.createQueryBuilder('o').where('o.release_id = ANY(:ids)', { ids }).orderBy('o.first_seen_at').addOrderBy('o.id').getMany();
    const points = (await this.historyForOffers(offers.map((offer) => offer.id), PRICE_HISTORY_LIMITS.max)).flat();
    return { offers, points };
  }

  /** The latest `limit` points of many offers in one statement, oldest first within each offer. */
  async historyForOffers(offerIds: readonly string[], limit: number | null | undefined): Promise<PricePointEntity[][]> {
    const bounded = limit ?? PRICE_HISTORY_LIMITS.default;
    if (!Number.isInteger(bounded) || bounded < 1 || bounded > PRICE_HISTORY_LIMITS.max) {
      throw new BadUserInputError(`last must be between 1 and ${PRICE_HISTORY_LIMITS.max}`, [{ path: 'last', message: `must be between 1 and ${PRICE_HISTORY_LIMITS.max}` }]);
    }
    const points = await this.points
      .createQueryBuilder('p')
      .where('p.id IN ' +
        `(SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY offer_id ORDER BY at DESC, id DESC) AS position
            FROM offer_price_point WHERE offer_id = ANY(:offerIds)) ranked WHERE position <= :bounded)`,
        { offerIds, bounded })
      .orderBy('p.offer_id')
      .addOrderBy('p.at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
    return groupByKey(offerIds, points, (point) => point.offerId);
  }
}

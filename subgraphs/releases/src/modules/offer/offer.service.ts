import type { DataSource } from 'typeorm';
import type { Format, StockStatus } from '@mrt/events';
import { BadUserInputError, groupByKey } from '@mrt/graphql-kit';
import type { OfferEntity } from './offer.entity.js';
import { OfferStore } from './offer.store.js';
import type { PricePointEntity } from './price-point.entity.js';
import { PricePointStore } from './price-point.store.js';

export interface OfferListArgs {
  stock?: StockStatus[] | null;
  formats?: Format[] | null;
}

/** A release is rarely sold by more shops than this; the bound keeps one response finite. */
export const OFFERS_PER_RELEASE = 100;
export const PRICE_HISTORY_LIMITS = { default: 50, max: 500 } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class OfferService {
  private readonly offers: OfferStore;
  private readonly points: PricePointStore;

  constructor(dataSource: DataSource) {
    this.offers = new OfferStore(dataSource);
    this.points = new PricePointStore(dataSource);
  }

  findByIds(ids: readonly string[]): Promise<OfferEntity[]> {
    return this.offers.findByIds(ids.filter((id) => UUID.test(id)));
  }

  /** Live offers of many releases in one statement, each release's cheapest first (unpriced last). */
  async liveForReleases(releaseIds: readonly string[], args: OfferListArgs): Promise<OfferEntity[][]> {
    const offers = await this.offers.liveForReleases(releaseIds, args);
    return groupByKey(releaseIds, offers, (offer) => offer.releaseId).map((group) => group.slice(0, OFFERS_PER_RELEASE));
  }

  /**
   * Every offer of these releases, removed ones too, with its whole price history oldest first:
   * what a release's timeline is made of. Bounded per offer like the price history.
   */
  async historyForReleases(releaseIds: readonly string[]): Promise<{ offers: OfferEntity[]; points: PricePointEntity[] }> {
    const ids = releaseIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return { offers: [], points: [] };
    const offers = await this.offers.allOfReleases(ids);
    const points = (await this.historyForOffers(offers.map((offer) => offer.id), PRICE_HISTORY_LIMITS.max)).flat();
    return { offers, points };
  }

  /** The latest `limit` points of many offers in one statement, oldest first within each offer. */
  async historyForOffers(offerIds: readonly string[], limit: number | null | undefined): Promise<PricePointEntity[][]> {
    const bounded = limit ?? PRICE_HISTORY_LIMITS.default;
    if (!Number.isInteger(bounded) || bounded < 1 || bounded > PRICE_HISTORY_LIMITS.max) {
      throw new BadUserInputError(`last must be between 1 and ${PRICE_HISTORY_LIMITS.max}`, [{ path: 'last', message: `must be between 1 and ${PRICE_HISTORY_LIMITS.max}` }]);
    }
    const points = await this.points.latestOfOffers(offerIds, bounded);
    return groupByKey(offerIds, points, (point) => point.offerId);
  }
}

import type { DataSource } from 'typeorm';
import { BadUserInputError, decodeCursor, groupByKey, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import type { ReleaseEntity } from './release.entity.js';
import type { ReleaseSortValue } from './release.input.js';
import type { ReleaseFilterValue } from './release.validation.js';
import { CURSOR_VALUE, NO_PRICE, SORT_ORDERS, UUID } from './release-sort.js';
import { ReleaseStore } from './release.store.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export class ReleaseService {
  private readonly releases: ReleaseStore;

  constructor(dataSource: DataSource) {
    this.releases = new ReleaseStore(dataSource);
  }

  findByIds(ids: readonly string[]): Promise<ReleaseEntity[]> {
    return this.releases.findByIds(ids.filter((id) => UUID.test(id)));
  }

  /**
   * releases(filter, sort, first, after): one statement, keyset-paginated on (sort value, id).
   * `currency` is the viewer's: priceMin/priceMax are amounts in it; `country` is where
   * DELIVERED_PRICE_ASC delivers to.
   */
  async search(filter: ReleaseFilterValue, sortName: ReleaseSortValue, args: PageArgs, currency = 'EUR', country: string | null = null): Promise<Connection<ReleaseEntity>> {
    const first = pageSize(args.first);
    if (sortName === 'DELIVERED_PRICE_ASC' && !country) {
      throw new BadUserInputError('DELIVERED_PRICE_ASC needs the country to deliver to', [{ path: 'country', message: 'is required to sort by delivered price' }]);
    }
    const order = SORT_ORDERS[sortName];
    const after = decodeCursor(args.after, 3);
    if (after) {
      const [name, value, id] = after;
      if (name !== sortName || !CURSOR_VALUE[order.cast](value) || typeof id !== 'string' || !UUID.test(id)) {
        throw new BadUserInputError('after is not a cursor of this list and sort', [{ path: 'after', message: 'not a cursor from this list and sort' }]);
      }
    }
    const releases =
      sortName === 'DELIVERED_PRICE_ASC'
        ? await this.deliveredPage(filter, currency, country!, first + 1, after ? [after[1] as string, after[2] as string] : null)
        : await this.releases.page(filter, sortName, order, currency, after ? { value: after[1], id: after[2] as string } : null, first + 1);
    return toConnection(releases, first, (release) => [sortName, order.keyOf(release), release.id]);
  }

  /**
   * A DELIVERED_PRICE_ASC page: the releases ranked under the country's key (kept current by
   * DeliveredPriceStore), then, once those run out, the releases no shop delivers there, by id.
   */
  private async deliveredPage(filter: ReleaseFilterValue, currency: string, country: string, need: number, after: [string, string] | null): Promise<ReleaseEntity[]> {
    const inTail = after !== null && after[0] === NO_PRICE;
    const page = inTail ? [] : await this.releases.byDeliveredPrice(filter, currency, country, after, need);
    if (page.length === need) return page;
    const tail = await this.releases.undeliverable(filter, currency, country, inTail ? after![1] : null, need - page.length);
    return [...page, ...tail];
  }

  /**
   * One page of releases for each of many bands in one statement, so a page of bands with their
   * releases costs one query, not one per band.
   */
  async pageForBands(bandIds: readonly string[], args: PageArgs): Promise<Connection<ReleaseEntity>[]> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 3);
    if (after && (!CURSOR_VALUE.date(after[0]) || typeof after[1] !== 'string' || typeof after[2] !== 'string' || !UUID.test(after[2]))) {
      throw new BadUserInputError('after is not a cursor of this list', [{ path: 'after', message: 'not a cursor from this list' }]);
    }
    const rows = await this.releases.pageForBands(
      bandIds.filter((id) => UUID.test(id)),
      first + 1,
      after ? [after[0] as string, after[1] as string, after[2] as string] : null,
    );
    return groupByKey(bandIds, rows, (row) => row.band).map((group) =>
      toConnection(
        group.map((row) => row.release),
        first,
        (release) => [release.releaseDate ?? '0001-01-01', release.title, release.id],
      ),
    );
  }
}

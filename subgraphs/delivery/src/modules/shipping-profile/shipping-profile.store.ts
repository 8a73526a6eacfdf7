import { MoreThan, type EntityManager } from 'typeorm';
import { rowsOf } from '@mrt/events';
import { ShippingProfileEntity, type ZoneDocument } from './shipping-profile.entity.js';

interface ShippingProfileRow {
  distributor_id: string;
  ships_from: string;
  currency: string;
  handling_fee: string;
  zones: ZoneDocument[];
  updated_at: Date;
}

/**
 * The only place with SQL for shipping_profile, run through `manager`: the data source's, or a
 * transaction's when the caller publishes the shop's shipping table with it. Zones, rate brackets
 * and carriers are the profile's one JSON document, stored and replaced with it.
 */
export class ShippingProfileStore {
  constructor(private readonly manager: EntityManager) {}

  all(): Promise<ShippingProfileEntity[]> {
    return this.manager.find(ShippingProfileEntity, { order: { distributorId: 'ASC' } });
  }

  /** By distributor id, after `after`. */
  page(after: string | null, limit: number): Promise<ShippingProfileEntity[]> {
    return this.manager.find(ShippingProfileEntity, { where: after === null ? {} : { distributorId: MoreThan(after) }, order: { distributorId: 'ASC' }, take: limit });
  }

  /** Plain SQL: every priced request reads its shops' profiles, and TypeORM's query building and hydration cost more than the read. */
  async byDistributorIds(ids: readonly string[]): Promise<ShippingProfileEntity[]> {
    if (ids.length === 0) return [];
    const rows = rowsOf<ShippingProfileRow>(
      await this.manager.query(
        `SELECT distributor_id, ships_from, currency, handling_fee::text AS handling_fee, zones, updated_at FROM shipping_profile WHERE distributor_id = ANY($1::uuid[])`,
        [ids],
      ),
    );
    return rows.map((row) =>
      Object.assign(new ShippingProfileEntity(), {
        distributorId: row.distributor_id,
        shipsFrom: row.ships_from,
        currency: row.currency,
        handlingFee: row.handling_fee,
        zones: row.zones,
        updatedAt: row.updated_at,
      }),
    );
  }

  byDistributorIdOrFail(distributorId: string): Promise<ShippingProfileEntity> {
    return this.manager.findOneByOrFail(ShippingProfileEntity, { distributorId });
  }

  /** Creates or replaces a shop's profile. */
  async save(profile: ShippingProfileEntity): Promise<void> {
    await this.manager.upsert(ShippingProfileEntity, profile, ['distributorId']);
  }

  /** False when the shop had no profile. */
  async delete(distributorId: string): Promise<boolean> {
    const result = await this.manager.delete(ShippingProfileEntity, { distributorId });
    return Boolean(result.affected);
  }
}

import { MoreThan, type EntityManager } from 'typeorm';
import { selectEntities } from '@mrt/graphql-kit';
import { ShippingProfileEntity } from './shipping-profile.entity.js';


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
  byDistributorIds(ids: readonly string[]): Promise<ShippingProfileEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return selectEntities(this.manager, ShippingProfileEntity, 'WHERE distributor_id = ANY($1::uuid[])', [ids]);
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

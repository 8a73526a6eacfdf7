import { In, type DataSource, type Repository } from 'typeorm';
import { NotFoundError, parseInput } from '@mrt/graphql-kit';
import { ShippingProfileEntity } from './shipping-profile.entity.js';
import { shippingProfileSchema, type ShippingProfileData } from './shipping-profile.validation.js';
import type { ShippingProfile } from './shipping-profile.type.js';

export class ShippingProfileService {
  private readonly profiles: Repository<ShippingProfileEntity>;

  constructor(dataSource: DataSource) {
    this.profiles = dataSource.getRepository(ShippingProfileEntity);
  }

  list(): Promise<ShippingProfileEntity[]> {
    return this.profiles.find({ order: { distributorId: 'ASC' } });
  }

  findByDistributorIds(ids: readonly string[]): Promise<ShippingProfileEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.profiles.findBy({ distributorId: In([...ids]) });
  }

  /** Creates or replaces a shop's profile; invalid input changes nothing and lists every problem. */
  async set(input: unknown): Promise<ShippingProfileEntity> {
    const data: ShippingProfileData = parseInput(shippingProfileSchema, input);
    await this.profiles.upsert(
      {
        distributorId: data.distributorId,
        shipsFrom: data.shipsFrom,
        currency: data.currency,
        handlingFee: data.handlingFee,
        zones: data.zones.map((zone) => ({ ...zone, countries: [...new Set(zone.countries)] })),
        updatedAt: new Date(),
      },
      ['distributorId'],
    );
    return this.profiles.findOneByOrFail({ distributorId: data.distributorId });
  }

  async remove(distributorId: string): Promise<boolean> {
    const result = await this.profiles.delete({ distributorId });
    if (!result.affected) throw new NotFoundError('ShippingProfile', distributorId);
    return true;
  }
}

export function toShippingProfile(entity: ShippingProfileEntity): ShippingProfile {
  const money = (amount: string) => ({ amount, currency: entity.currency });
  return {
    distributor: { id: entity.distributorId },
    shipsFrom: entity.shipsFrom,
    currency: entity.currency,
    handlingFee: money(entity.handlingFee),
    updatedAt: entity.updatedAt,
    zones: entity.zones.map((zone) => ({
      name: zone.name,
      countries: zone.countries,
      freeShippingThreshold: zone.freeShippingThreshold === null ? null : money(zone.freeShippingThreshold),
      carrier: zone.carrier,
      rates: zone.rates.map((rate) => ({ minGrams: rate.minGrams, maxGrams: rate.maxGrams, price: money(rate.price) })),
    })),
  };
}

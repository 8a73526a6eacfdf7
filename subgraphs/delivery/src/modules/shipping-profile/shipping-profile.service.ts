import type { DataSource } from 'typeorm';
import type { OutboxRelay } from '@mrt/events';
import { NotFoundError, decodeCursor, pageSize, parseInput, toConnection, type Connection } from '@mrt/graphql-kit';
import type { ShippingProfileEntity } from './shipping-profile.entity.js';
import { ShippingProfileStore } from './shipping-profile.store.js';
import { shippingProfileSchema, type ShippingProfileData } from './shipping-profile.validation.js';
import { enqueueShippingTables } from './shipping-table.publisher.js';
import type { ShippingProfile } from './shipping-profile.type.js';

export class ShippingProfileService {
  private readonly profiles: ShippingProfileStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay?: Pick<OutboxRelay, 'notify'>,
  ) {
    this.profiles = new ShippingProfileStore(dataSource.manager);
  }

  list(): Promise<ShippingProfileEntity[]> {
    return this.profiles.all();
  }

  /** A page of profiles by shop id. */
  async page(first: number | null | undefined, after: string | null | undefined): Promise<Connection<ShippingProfileEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const rows = await this.profiles.page(cursor === null ? null : String(cursor[0]), limit + 1);
    return toConnection(rows, limit, (profile) => [profile.distributorId]);
  }

  findByDistributorIds(ids: readonly string[]): Promise<ShippingProfileEntity[]> {
    return this.profiles.byDistributorIds(ids);
  }

  /**
   * Creates or replaces a shop's profile; invalid input changes nothing and lists every problem.
   * The shop's single-copy shipping table is published in the same transaction (outbox).
   */
  async set(input: unknown): Promise<ShippingProfileEntity> {
    const data: ShippingProfileData = parseInput(shippingProfileSchema, input);
    await this.dataSource.transaction(async (manager) => {
      await new ShippingProfileStore(manager).save({
        distributorId: data.distributorId,
        shipsFrom: data.shipsFrom,
        currency: data.currency,
        handlingFee: data.handlingFee,
        zones: data.zones.map((zone) => ({ ...zone, countries: [...new Set(zone.countries)] })),
        updatedAt: new Date(),
      });
      await enqueueShippingTables(manager, [data.distributorId]);
    });
    this.relay?.notify();
    return this.profiles.byDistributorIdOrFail(data.distributorId);
  }

  async remove(distributorId: string): Promise<boolean> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await new ShippingProfileStore(manager).delete(distributorId))) throw new NotFoundError('ShippingProfile', distributorId);
      await enqueueShippingTables(manager, [distributorId]);
    });
    this.relay?.notify();
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

import type { DataSource, EntityManager } from 'typeorm';
import type { EventData } from '@mrt/events';

/**
 * What raw-data knows of the catalog's distributors: their currency, for Shopify sources whose
 * products.json prices carry none. The only place with SQL for the distributor_copy table, filled
 * from catalog.distributor.changed, never by reading the catalog's tables.
 */
export class DistributorProjection {
  constructor(private readonly dataSource: DataSource) {}

  async currencyOf(distributorId: string): Promise<string | null> {
    const rows: { currency: string }[] = await this.dataSource.query(`SELECT currency FROM distributor_copy WHERE distributor_id = $1`, [distributorId]);
    return rows[0]?.currency ?? null;
  }

  /** In the event's transaction; an older event never overwrites a newer one. */
  async save(manager: EntityManager, data: EventData<'catalog.distributor.changed'>, changedAt: string): Promise<void> {
    const { distributorId, name, country, currency } = data;
    await manager.query(
      `INSERT INTO distributor_copy (distributor_id, name, country, currency, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (distributor_id) DO UPDATE SET name = $2, country = $3, currency = $4, changed_at = $5
        WHERE distributor_copy.changed_at <= $5`,
      [distributorId, name, country, currency, changedAt],
    );
  }
}

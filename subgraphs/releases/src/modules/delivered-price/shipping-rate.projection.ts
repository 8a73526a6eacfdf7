import type { DataSource, EntityManager } from 'typeorm';
import { FORMATS, type EventData, type Format } from '@mrt/events';

export interface ShippingRateRow {
  distributorId: string;
  country: string;
  format: Format;
  /** Null: too heavy to send there alone. */
  cost: string | null;
  currency: string;
  freeFrom: string | null;
}

/** This subgraph's copy of delivery's single-copy shipping tables: the only SQL for shipping_rate. */
export class ShippingRateProjection {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Replaces a shop's whole table: a country or format it no longer serves must not linger. */
  async save(data: EventData<'shipping.table.updated'>): Promise<void> {
    await this.db.query(`DELETE FROM shipping_rate WHERE distributor_id = $1`, [data.distributorId]);
    const rows = data.zones.flatMap((zone) =>
      zone.countries.flatMap((country) => FORMATS.map((format) => ({ country, format, cost: zone.costs[format] ?? null, freeFrom: zone.freeShippingFrom }))),
    );
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO shipping_rate (distributor_id, country, format, cost, currency, free_from)
       SELECT $1, country, format, cost::numeric, $2, free_from::numeric
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS r(country, format, cost, free_from)`,
      [data.distributorId, data.currency, rows.map((r) => r.country), rows.map((r) => r.format), rows.map((r) => r.cost), rows.map((r) => r.freeFrom)],
    );
  }

  /** The countries some shop names in its table ('*' aside): the delivered-price keys besides '*'. */
  async namedCountries(): Promise<string[]> {
    const rows: { country: string }[] = await this.db.query(`SELECT DISTINCT country FROM shipping_rate WHERE country <> '*'`);
    return rows.map((row) => row.country);
  }

  /** The rows that serve `country` for these shops: its own row where the shop names it, else the shop's "*" row. */
  async forCountry(distributorIds: readonly string[], country: string): Promise<ShippingRateRow[]> {
    if (distributorIds.length === 0) return [];
    const rows: { distributor_id: string; country: string; format: Format; cost: string | null; currency: string; free_from: string | null }[] =
      await this.db.query(
        `SELECT DISTINCT ON (distributor_id, format) distributor_id, country, format, cost::text, currency, free_from::text
         FROM shipping_rate WHERE distributor_id = ANY($1::uuid[]) AND country IN ($2, '*')
         ORDER BY distributor_id, format, country = '*'`,
        [[...new Set(distributorIds)], country],
      );
    return rows.map((row) => ({ distributorId: row.distributor_id, country: row.country, format: row.format, cost: row.cost, currency: row.currency, freeFrom: row.free_from }));
  }
}

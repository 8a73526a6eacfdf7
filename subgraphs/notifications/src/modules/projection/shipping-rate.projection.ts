import type { DataSource, EntityManager } from 'typeorm';
import { FORMATS, type EventData, type Format } from '@mrt/events';
import type { ShippingRule } from '@mrt/money';

/** Shipping rules by shop, country and format, as a delivered-price condition looks them up. */
export class ShippingRules {
  constructor(private readonly rules: ReadonlyMap<string, ShippingRule>) {}

  static key(distributorId: string, country: string, format: Format): string {
    return `${distributorId}/${country}/${format}`;
  }

  /** The rule serving `country` (its own row where the shop names it, else the shop's "*" row); undefined: not sent there. */
  of(distributorId: string, country: string, format: Format): ShippingRule | undefined {
    return this.rules.get(ShippingRules.key(distributorId, country, format));
  }
}

/**
 * This subgraph's copy of delivery's single-copy shipping tables (shipping.table.updated), for
 * delivered-price follows: the only SQL for shipping_rate. Releases keeps its own copy; the
 * computation both use is @mrt/money's deliveredOffer.
 */
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
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS r(country, format, cost, free_from)
       ON CONFLICT (distributor_id, country, format) DO NOTHING`,
      [data.distributorId, data.currency, rows.map((r) => r.country), rows.map((r) => r.format), rows.map((r) => r.cost), rows.map((r) => r.freeFrom)],
    );
  }

  /** The rules serving each (shop, country) pair, every format, in one statement. */
  async rulesFor(pairs: readonly { distributorId: string; country: string }[]): Promise<ShippingRules> {
    const unique = [...new Map(pairs.map((pair) => [`${pair.distributorId}/${pair.country}`, pair])).values()];
    if (unique.length === 0) return new ShippingRules(new Map());
    const rows: { distributor_id: string; wanted: string; format: Format; cost: string | null; currency: string; free_from: string | null }[] = await this.db.query(
      `SELECT DISTINCT ON (p.distributor_id, p.wanted, sr.format) p.distributor_id, p.wanted, sr.format, sr.cost::text, sr.currency, sr.free_from::text
       FROM unnest($1::uuid[], $2::text[]) AS p(distributor_id, wanted)
       JOIN shipping_rate sr ON sr.distributor_id = p.distributor_id AND sr.country IN (p.wanted, '*')
       ORDER BY p.distributor_id, p.wanted, sr.format, sr.country = '*'`,
      [unique.map((pair) => pair.distributorId), unique.map((pair) => pair.country)],
    );
    return new ShippingRules(new Map(rows.map((row) => [ShippingRules.key(row.distributor_id, row.wanted, row.format), { cost: row.cost, currency: row.currency, freeFrom: row.free_from }])));
  }
}

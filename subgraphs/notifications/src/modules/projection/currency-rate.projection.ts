import type { DataSource, EntityManager } from 'typeorm';
import type { EventData } from '@mrt/events';
import { CurrencyConverter } from '@mrt/money';

/** The only place with SQL for currency_rate: delivery's published rates, for max-price rules. */
export class CurrencyRateProjection {
  constructor(private readonly db: DataSource | EntityManager) {}

  async save(data: EventData<'currency.rates.updated'>): Promise<void> {
    const currencies = Object.keys(data.rates);
    if (currencies.length === 0) return;
    // An older rates event arriving late never overwrites newer rates.
    await this.db.query(
      `INSERT INTO currency_rate (currency, rate, rate_date)
       SELECT currency, rate::numeric, $3::date FROM unnest($1::text[], $2::text[]) AS r(currency, rate)
       ON CONFLICT (currency) DO UPDATE SET rate = EXCLUDED.rate, rate_date = EXCLUDED.rate_date
       WHERE currency_rate.rate_date <= EXCLUDED.rate_date`,
      [currencies, currencies.map((currency) => data.rates[currency]!), data.date],
    );
  }

  /** The latest rate of each currency (each row keeps the day it was published). */
  async converter(): Promise<CurrencyConverter> {
    const rows: { currency: string; rate: string; rate_date: string }[] = await this.db.query(`SELECT currency, rate::text, rate_date::text FROM currency_rate`);
    const date = rows.map((row) => row.rate_date).sort().at(-1) ?? null;
    return new CurrencyConverter(date, Object.fromEntries(rows.map((row) => [row.currency, row.rate])));
  }
}

import type { DataSource, EntityManager } from 'typeorm';
import type { EventData } from '@mrt/events';
import { CurrencyConverter } from '@mrt/money';

/**
 * This subgraph's copy of delivery's ECB euro reference rates (currency.rates.updated): the only
 * place with SQL for the currency_rate table (statements of other stores that price in euros
 * join it through rateJoin/rateOf). One row per currency, its latest rate; the euro is the row
 * with rate 1.
 */
export class CurrencyRateProjection {
  constructor(private readonly db: DataSource | EntityManager) {}

  /**
   * Stores a day's rates and returns the currencies whose rate changed. A day older than the one
   * stored for a currency (a late redelivery) never overwrites it.
   */
  async save(data: EventData<'currency.rates.updated'>): Promise<string[]> {
    const currencies = Object.keys(data.rates).filter((currency) => currency !== 'EUR');
    if (currencies.length === 0) return [];
    const changed: { currency: string }[] = await this.db.query(
      `WITH incoming AS (
         SELECT currency, rate::numeric AS rate FROM unnest($1::text[], $2::text[]) AS i(currency, rate)
       ), before AS (
         SELECT c.currency, c.rate, c.rate_date FROM currency_rate c JOIN incoming USING (currency) FOR UPDATE
       ), written AS (
         INSERT INTO currency_rate (currency, rate, rate_date)
         SELECT currency, rate, $3::date FROM incoming
         ON CONFLICT (currency) DO UPDATE SET rate = EXCLUDED.rate, rate_date = EXCLUDED.rate_date
         WHERE currency_rate.rate_date <= EXCLUDED.rate_date
         RETURNING currency, rate
       )
       SELECT w.currency FROM written w LEFT JOIN before b USING (currency) WHERE b.rate IS DISTINCT FROM w.rate`,
      [currencies, currencies.map((currency) => data.rates[currency]!), data.date],
    );
    return changed.map((row) => row.currency);
  }

  /** A converter over the latest rates; its date is the newest publication day stored. */
  async converter(): Promise<CurrencyConverter> {
    const rows: { currency: string; rate: string; rate_date: string }[] = await this.db.query(
      `SELECT currency, rate::text, rate_date::text FROM currency_rate WHERE currency <> 'EUR'`,
    );
    const date = rows.map((row) => row.rate_date).sort().at(-1) ?? null;
    return new CurrencyConverter(date, Object.fromEntries(rows.map((row) => [row.currency, row.rate])));
  }
}

/** SQL: joins the rate of the currency `currency` (a column or placeholder) as `alias` (alias.rate: units per euro). */
export function rateJoin(alias: string, currency: string, join: 'JOIN' | 'LEFT JOIN' = 'JOIN'): string {
  return `${join} currency_rate ${alias} ON ${alias}.currency = ${currency}`;
}

/** SQL: the rate of one currency as a scalar (null without a rate). */
export function rateOf(currency: string): string {
  return `(SELECT rate FROM currency_rate WHERE currency = ${currency})`;
}

import type { EntityManager } from 'typeorm';
import { rowsOf } from '@mrt/events';
import { CurrencyRateEntity } from './currency-rate.entity.js';

/**
 * The only place with SQL for currency_rate (euro reference rates by day), run through `manager`:
 * the data source's, or a transaction's when the caller writes events with it.
 */
export class CurrencyRateStore {
  constructor(private readonly manager: EntityManager) {}

  /**
   * The rates of the latest stored day, or of the latest on or before `onOrBefore`, by currency
   * code, in one statement (every priced request reads them); empty when none is stored.
   */
  async latestRates(onOrBefore?: string | null): Promise<{ day: string; currency: string; rate: string }[]> {
    return rowsOf<{ day: string; currency: string; rate: string }>(
      await this.manager.query(
        `SELECT rate_date::text AS day, currency, rate::text AS rate FROM currency_rate
          WHERE rate_date = (SELECT max(rate_date) FROM currency_rate WHERE $1::date IS NULL OR rate_date <= $1::date) ORDER BY currency`,
        [onOrBefore ?? null],
      ),
    );
  }

  /** A day's rates, by currency code. */
  ofDay(day: string): Promise<CurrencyRateEntity[]> {
    return this.manager.find(CurrencyRateEntity, { where: { rateDate: day }, order: { currency: 'ASC' } });
  }

  /** Writes a day's rates; a currency already stored for that day gets the new rate. */
  async saveDay(day: string, rates: Readonly<Record<string, string>>): Promise<void> {
    await this.manager.upsert(
      CurrencyRateEntity,
      Object.entries(rates).map(([currency, rate]) => ({ rateDate: day, currency, rate })),
      ['rateDate', 'currency'],
    );
  }
}

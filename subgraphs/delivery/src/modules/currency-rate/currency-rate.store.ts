import type { EntityManager } from 'typeorm';
import { rowsOf } from '@mrt/events';
import { CurrencyRateEntity } from './currency-rate.entity.js';

/**
 * The only place with SQL for currency_rate (euro reference rates by day), run through `manager`:
 * the data source's, or a transaction's when the caller writes events with it.
 */
export class CurrencyRateStore {
  constructor(private readonly manager: EntityManager) {}

  /** The latest stored day, or the latest on or before `onOrBefore`; null when none is stored. */
  async latestDay(onOrBefore?: string | null): Promise<string | null> {
    const query = this.manager.createQueryBuilder(CurrencyRateEntity, 'r').select('max(r.rate_date)::text', 'day');
    if (onOrBefore) query.where('r.rate_date <= :date', { date: onOrBefore });
    const latest = await query.getRawOne<{ day: string | null }>();
    return latest?.day ?? null;
  }

  /**
   * The latest stored day's rates, by currency code, in one statement (every priced request reads
   * them); empty when none are stored.
   */
  async latest(): Promise<{ day: string; currency: string; rate: string }[]> {
    return rowsOf<{ day: string; currency: string; rate: string }>(
      await this.manager.query(
        `SELECT rate_date::text AS day, currency, rate::text AS rate FROM currency_rate
          WHERE rate_date = (SELECT max(rate_date) FROM currency_rate) ORDER BY currency`,
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

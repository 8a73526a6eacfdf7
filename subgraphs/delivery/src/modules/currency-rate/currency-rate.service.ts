import type { DataSource, Repository } from 'typeorm';
import { CurrencyRateEntity } from './currency-rate.entity.js';
import type { CurrencyRates } from './currency-rate.type.js';

export class CurrencyRateService {
  private readonly rates: Repository<CurrencyRateEntity>;

  constructor(dataSource: DataSource) {
    this.rates = dataSource.getRepository(CurrencyRateEntity);
  }

  /** The rates of `date`, or of the latest day on or before it; null when none are stored. */
  async ratesOn(date?: string | null): Promise<CurrencyRates | null> {
    const query = this.rates.createQueryBuilder('r').select('max(r.rate_date)::text', 'day');
    if (date) query.where('r.rate_date <= :date', { date });
    const latest = await query.getRawOne<{ day: string | null }>();
    if (!latest?.day) return null;
    const rows = await this.rates.find({ where: { rateDate: latest.day }, order: { currency: 'ASC' } });
    return { date: latest.day, base: 'EUR', rates: rows.map(({ currency, rate }) => ({ currency, rate })) };
  }
}

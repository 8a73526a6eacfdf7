import type { EntityManager } from 'typeorm';
import type { EventData, Format, Money, ReleaseDate, ReleaseType, StockStatus } from '@mrt/events';
import { CurrencyConverter } from '@mrt/money';

/**
 * The little this subgraph must know about releases, offers and rates to match follows, kept
 * from the events (a subgraph never reads another's tables). Writes go through the consumer's
 * transaction manager so the projection commits with the inbox row.
 */
export interface ReleaseFacts {
  releaseId: string;
  bandIds: string[];
  labelId: string | null;
  genreIds: string[];
  releaseType: ReleaseType | null;
  title: string | null;
}

export interface OfferFacts {
  offerId: string;
  releaseId: string;
  distributorId: string;
  format: Format;
  price: Money | null;
  stock: StockStatus | null;
}

export class ProjectionStore {
  constructor(private readonly manager: EntityManager) {}

  async saveRelease(data: EventData<'release.announced'>): Promise<void> {
    await this.manager.query(
      `INSERT INTO release_projection (release_id, band_ids, label_id, genre_ids, release_type, title, release_date, release_date_precision, release_date_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (release_id) DO UPDATE SET band_ids = EXCLUDED.band_ids, label_id = EXCLUDED.label_id, genre_ids = EXCLUDED.genre_ids,
         release_type = EXCLUDED.release_type, title = EXCLUDED.title, release_date = EXCLUDED.release_date,
         release_date_precision = EXCLUDED.release_date_precision, release_date_text = EXCLUDED.release_date_text, updated_at = now()`,
      [data.releaseId, data.bandIds, data.labelId, data.genreIds, data.releaseType, data.title, ...dateColumns(data.releaseDate)],
    );
  }

  /** Out-today and offer events may arrive before the announcement: keep what they tell. */
  async touchRelease(releaseId: string, bandIds: string[], title: string | null, releaseDate?: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO release_projection (release_id, band_ids, title, release_date, release_date_precision)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (release_id) DO UPDATE SET band_ids = EXCLUDED.band_ids,
         title = COALESCE(NULLIF(EXCLUDED.title, ''), release_projection.title),
         release_date = COALESCE(EXCLUDED.release_date, release_projection.release_date),
         release_date_precision = COALESCE(EXCLUDED.release_date_precision, release_projection.release_date_precision), updated_at = now()`,
      [releaseId, bandIds, title ?? '', releaseDate ?? null, releaseDate ? 'DAY' : null],
    );
  }

  async release(releaseId: string): Promise<ReleaseFacts | null> {
    const rows: { band_ids: string[]; label_id: string | null; genre_ids: string[]; release_type: ReleaseType | null; title: string }[] =
      await this.manager.query(`SELECT band_ids, label_id, genre_ids, release_type, title FROM release_projection WHERE release_id = $1`, [releaseId]);
    const row = rows[0];
    if (!row) return null;
    return { releaseId, bandIds: row.band_ids, labelId: row.label_id, genreIds: row.genre_ids, releaseType: row.release_type, title: row.title || null };
  }

  async saveOffer(offer: OfferFacts, removed = false): Promise<void> {
    await this.manager.query(
      `INSERT INTO offer_projection (offer_id, release_id, distributor_id, format, price_amount, price_currency, stock, removed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (offer_id) DO UPDATE SET release_id = EXCLUDED.release_id, distributor_id = EXCLUDED.distributor_id, format = EXCLUDED.format,
         price_amount = COALESCE(EXCLUDED.price_amount, offer_projection.price_amount),
         price_currency = COALESCE(EXCLUDED.price_currency, offer_projection.price_currency),
         stock = COALESCE(EXCLUDED.stock, offer_projection.stock), removed = EXCLUDED.removed, updated_at = now()`,
      [offer.offerId, offer.releaseId, offer.distributorId, offer.format, offer.price?.amount ?? null, offer.price?.currency ?? null, offer.stock, removed],
    );
  }

  async offer(offerId: string): Promise<OfferFacts | null> {
    const rows: { release_id: string; distributor_id: string; format: Format; price_amount: string | null; price_currency: string | null; stock: StockStatus | null }[] =
      await this.manager.query(`SELECT release_id, distributor_id, format, price_amount::text, price_currency, stock FROM offer_projection WHERE offer_id = $1`, [offerId]);
    const row = rows[0];
    if (!row) return null;
    return {
      offerId,
      releaseId: row.release_id,
      distributorId: row.distributor_id,
      format: row.format,
      price: row.price_amount && row.price_currency ? { amount: row.price_amount, currency: row.price_currency } : null,
      stock: row.stock,
    };
  }

  async saveRates(data: EventData<'currency.rates.updated'>): Promise<void> {
    const currencies = Object.keys(data.rates);
    if (currencies.length === 0) return;
    // An older rates event arriving late never overwrites newer rates.
    await this.manager.query(
      `INSERT INTO currency_rate (currency, rate, rate_date)
       SELECT currency, rate::numeric, $3::date FROM unnest($1::text[], $2::text[]) AS r(currency, rate)
       ON CONFLICT (currency) DO UPDATE SET rate = EXCLUDED.rate, rate_date = EXCLUDED.rate_date
       WHERE currency_rate.rate_date <= EXCLUDED.rate_date`,
      [currencies, currencies.map((currency) => data.rates[currency]!), data.date],
    );
  }

  /** The latest rate of each currency (each row keeps the day it was published). */
  async rates(): Promise<CurrencyConverter> {
    const rows: { currency: string; rate: string; rate_date: string }[] = await this.manager.query(
      `SELECT currency, rate::text, rate_date::text FROM currency_rate`,
    );
    const date = rows.map((row) => row.rate_date).sort().at(-1) ?? null;
    return new CurrencyConverter(date, Object.fromEntries(rows.map((row) => [row.currency, row.rate])));
  }
}

/** The first day of the period plus its precision; the last day matters for "recent" checks. */
function dateColumns(date: ReleaseDate | null): [string | null, string | null, string | null] {
  if (!date) return [null, null, null];
  return [date.date, date.precision, date.text];
}

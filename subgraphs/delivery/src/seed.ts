import type { Database } from '@mrt/platform';

/** ECB reference rates of one day, so conversions work on a fresh `pnpm start`. */
const DEMO_RATES: Record<string, string> = {
  USD: '1.0812',
  GBP: '0.8421',
  PLN: '4.3160',
  CZK: '25.213',
  SEK: '11.4630',
  CHF: '0.9387',
  BRL: '5.9120',
  JPY: '162.88',
};

export async function seedDeliveryDemo(db: Database): Promise<void> {
  for (const [currency, rate] of Object.entries(DEMO_RATES)) {
    await db.dataSource.query(
      `INSERT INTO currency_rate (rate_date, currency, rate) VALUES ('2026-11-20', $1, $2) ON CONFLICT DO NOTHING`,
      [currency, rate],
    );
  }
}

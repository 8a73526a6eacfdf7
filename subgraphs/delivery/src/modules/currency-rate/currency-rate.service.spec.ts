import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { ADMIN, FAN, openDelivery } from '../../test-support/delivery-fixture.js';

let t: TestSubgraph;
let dir: string;
let file: string;

const ecb = (date: string, rates: Record<string, string>) =>
  `<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject><Cube><Cube time='${date}'>
  ${Object.entries(rates).map(([c, r]) => `<Cube currency='${c}' rate='${r}'/>`).join('')}</Cube></Cube></gesmes:Envelope>`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecb-'));
  file = join(dir, 'eurofxref-daily.xml');
  t = await openDelivery({ CURRENCY_RATES_URL: file });
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

const REFRESH = `mutation { refreshCurrencyRates { date changedDays } }`;
type Outbox = { type: string; data: { date: string; base: string; rates: Record<string, string> } }[];
const outbox = async () =>
  (await t.db.dataSource.query(`SELECT type, payload->'data' AS data FROM event_outbox WHERE type = 'currency.rates.updated' ORDER BY created_at`)) as Outbox;

describe('currency rates', () => {
  it('stores a day from the configured file, announces it once, and serves it', async () => {
    await writeFile(file, ecb('2026-11-19', { USD: '1.0800', GBP: '0.8400' }));
    const first = await executeOk<{ refreshCurrencyRates: { date: string; changedDays: string[] } }>(t.apollo, REFRESH, { user: ADMIN });
    expect(first.refreshCurrencyRates).toEqual({ date: '2026-11-19', changedDays: ['2026-11-19'] });
    const again = await executeOk<{ refreshCurrencyRates: { changedDays: string[] } }>(t.apollo, REFRESH, { user: ADMIN });
    expect(again.refreshCurrencyRates.changedDays).toEqual([]);
    const events = await outbox();
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({ base: 'EUR', date: '2026-11-19', rates: { USD: '1.0800', GBP: '0.8400' } });

    await writeFile(file, ecb('2026-11-20', { USD: '1.0812', GBP: '0.8421' }));
    await executeOk(t.apollo, REFRESH, { user: ADMIN });
    const latest = await executeOk<{ currencyRates: unknown }>(t.apollo, `{ currencyRates { date base rates { currency rate } } }`);
    expect(latest.currencyRates).toEqual({ date: '2026-11-20', base: 'EUR', rates: [{ currency: 'GBP', rate: '0.8421' }, { currency: 'USD', rate: '1.0812' }] });
    const older = await executeOk<{ currencyRates: { date: string } }>(t.apollo, `{ currencyRates(date: "2026-11-19") { date } }`);
    expect(older.currencyRates.date).toBe('2026-11-19');
    expect(await outbox()).toHaveLength(2);
  });

  it('converts between two listed currencies at the latest rates', async () => {
    const data = await executeOk<{ a: unknown; b: unknown; c: unknown }>(
      t.apollo,
      `{ a: convertMoney(amount: { amount: "50", currency: "GBP" }, to: "USD") { amount currency }
         b: convertMoney(amount: { amount: "100.00", currency: "USD" }, to: "EUR") { amount currency }
         c: convertMoney(amount: { amount: "1", currency: "EUR" }, to: "SEK") { amount } }`,
    );
    // 50 x 1.0812 / 0.8421 = 64.1966... -> 64.20; 100 / 1.0812 = 92.4898... -> 92.49
    expect(data).toEqual({ a: { amount: '64.20', currency: 'USD' }, b: { amount: '92.49', currency: 'EUR' }, c: null });
  });

  it('keeps the stored rates when the source is broken, and says why', async () => {
    await writeFile(file, '<html>maintenance</html>');
    const errors = await executeErrors(t.apollo, REFRESH, { user: ADMIN });
    expect(errors[0]!.message).toMatch(/not an ECB reference rate file/);
    const latest = await executeOk<{ currencyRates: { date: string } }>(t.apollo, `{ currencyRates { date } }`);
    expect(latest.currencyRates.date).toBe('2026-11-20');
  });

  it('validates the date and keeps refreshing to admins', async () => {
    const bad = await executeErrors(t.apollo, `{ currencyRates(date: "20.11.2026") { date } }`);
    expect(bad[0]!.extensions!.fields).toEqual([{ path: 'date', message: 'must be YYYY-MM-DD' }]);
    const fan = await executeErrors(t.apollo, REFRESH, { user: FAN });
    expect(fan[0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

import type { DataSource } from 'typeorm';
import { createEvent, enqueueEvents, subjects, type OutboxRelay } from '@mrt/events';
import type { Logger } from '@mrt/platform';
import { CurrencyConverter } from '@mrt/money';
import { CurrencyRateStore } from './currency-rate.store.js';
import type { CurrencyRates } from './currency-rate.type.js';
import { parseEcbXml, type DailyRates } from './ecb-xml.js';
import { readRatesDocument } from './rates-source.js';

export interface RefreshResult {
  /** Latest day in the document. */
  date: string;
  /** Days whose rates were new or changed (each announced with currency.rates.updated). */
  changedDays: string[];
}

export class CurrencyRateService {
  private readonly rates: CurrencyRateStore;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: Pick<OutboxRelay, 'notify'>,
    private readonly source: { location: string; refreshHours: number },
    private readonly logger?: Logger,
  ) {
    this.rates = new CurrencyRateStore(dataSource.manager);
  }

  /** The rates of `date`, or of the latest day on or before it; null when none are stored. */
  async ratesOn(date?: string | null): Promise<CurrencyRates | null> {
    const rows = await this.rates.latestRates(date);
    if (rows.length === 0) return null;
    return { date: rows[0]!.day, base: 'EUR', rates: rows.map(({ currency, rate }) => ({ currency, rate: trimRate(rate) })) };
  }

  /** A converter over the latest stored day (same-currency only when nothing is stored yet). */
  async converter(): Promise<CurrencyConverter> {
    const rates = await this.ratesOn();
    if (!rates) return new CurrencyConverter(null, {});
    return new CurrencyConverter(rates.date, Object.fromEntries(rates.rates.map((r) => [r.currency, r.rate])));
  }

  /** Reads the configured document and stores it: what the daily timer and the admin mutation run. */
  async refresh(): Promise<RefreshResult> {
    const days = parseEcbXml(await readRatesDocument(this.source.location));
    return this.store(days);
  }

  /**
   * Stores each day and announces the days that changed, in one transaction with the outbox,
   * so other subgraphs' copies never miss a day nor hear of one that was not stored.
   */
  async store(days: DailyRates[]): Promise<RefreshResult> {
    const changedDays: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      const rates = new CurrencyRateStore(manager);
      const events = [];
      for (const day of days) {
        const stored = await rates.ofDay(day.date);
        const before = new Map(stored.map((row) => [row.currency, trimRate(row.rate)]));
        const changed = Object.entries(day.rates).some(([currency, rate]) => before.get(currency) !== trimRate(rate));
        if (!changed) continue;
        await rates.saveDay(day.date, day.rates);
        changedDays.push(day.date);
        events.push(
          createEvent('currency.rates.updated', {
            producer: 'delivery',
            subject: subjects.currencyRates('EUR'),
            data: { base: 'EUR', date: day.date, rates: day.rates },
          }),
        );
      }
      await enqueueEvents(manager, events);
    });
    if (changedDays.length > 0) this.relay.notify();
    const latest = days.map((d) => d.date).sort().at(-1)!;
    return { date: latest, changedDays };
  }

  /** Reads now, then every `refreshHours`; a failed read is logged and the stored rates stay. */
  start(): void {
    if (this.source.refreshHours <= 0) return;
    const run = () =>
      (this.running = this.refresh().then(
        (result) => this.logger?.info({ ...result }, 'currency rates refreshed'),
        (error: unknown) => this.logger?.warn({ err: error, location: this.source.location }, 'currency rates refresh failed'),
      ));
    void run();
    this.timer = setInterval(() => void run(), this.source.refreshHours * 3_600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/** numeric(18, 6) reads back as "1.081200": the published text is "1.0812". */
function trimRate(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

import type { EntityManager } from 'typeorm';
import type { EventData } from '@mrt/events';
import { DeliveredPriceStore } from '../delivered-price/delivered-price.store.js';
import { ReleaseStore } from '../release/release.store.js';
import { CurrencyRateProjection } from './currency-rate.projection.js';

export class CurrencyRateService {
  /** Keeps the day's rates and re-ranks the releases priced (or, delivered, shipped) in a currency whose rate changed, in the consumer's transaction. */
  async ratesUpdated(data: EventData<'currency.rates.updated'>, manager: EntityManager): Promise<void> {
    const changed = await new CurrencyRateProjection(manager).save(data);
    await new ReleaseStore(manager).refreshSummariesForCurrencies(changed);
    await new DeliveredPriceStore(manager).refreshCurrencies(changed);
  }
}

import type { EventHandlers } from '../../event-handlers.js';
import type { CurrencyRateService } from './currency-rate.service.js';

/** Delivery's ECB rates of a day. */
export function currencyRateConsumer(rates: CurrencyRateService): EventHandlers<'currency.rates.updated'> {
  return {
    'currency.rates.updated': (event, manager) => rates.ratesUpdated(event.data, manager),
  };
}

import type { RequestContext } from '@mrt/graphql-kit';
import type { CurrencyConverter } from '@mrt/money';
import type { CurrencyRateService } from './currency-rate.service.js';

/** The latest rates, read once per request however many fields convert. */
export function requestConverter(context: RequestContext, rates: CurrencyRateService): Promise<CurrencyConverter> {
  return context.loaders.get<string, CurrencyConverter>('rates.latest', (keys) => rates.converter().then((c) => keys.map(() => c))).load('latest');
}

import type { RequestContext } from '@mrt/graphql-kit';
import type { CurrencyConverter } from '@mrt/money';
import type { CurrencyRateProjection } from './currency-rate.projection.js';

export const RATES_LOADER = 'currencyRate.latest';

/** The rates one request converts with: read once, so every price of a response uses the same day. */
export function requestRates(context: RequestContext, rates: CurrencyRateProjection): Promise<CurrencyConverter> {
  return context.loaders
    .get<'latest', CurrencyConverter>(RATES_LOADER, async (keys) => {
      const converter = await rates.converter();
      return keys.map(() => converter);
    })
    .load('latest');
}

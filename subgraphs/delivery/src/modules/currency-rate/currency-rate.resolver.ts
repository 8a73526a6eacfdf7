import { Arg, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '@mrt/graphql-kit';
import type { CurrencyRateService } from './currency-rate.service.js';
import { CurrencyRates } from './currency-rate.type.js';

@Resolver(() => CurrencyRates)
export class CurrencyRateResolver {
  constructor(private readonly rateService: CurrencyRateService) {}

  @Query(() => CurrencyRates, { nullable: true, description: 'Euro reference rates of a day (default: the latest)' })
  currencyRates(@Arg('date', () => String, { nullable: true, description: 'YYYY-MM-DD' }) date?: string) {
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new BadUserInputError('date must be YYYY-MM-DD', [{ path: 'date', message: 'must be YYYY-MM-DD' }]);
    }
    return this.rateService.ratesOn(date);
  }
}

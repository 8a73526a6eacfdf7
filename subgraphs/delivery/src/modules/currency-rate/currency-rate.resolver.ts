import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AppError, ErrorCode, Money, MoneyInput, parseInput, type RequestContext } from '@mrt/graphql-kit';
import type { CurrencyRateService } from './currency-rate.service.js';
import { requestConverter } from './currency-rate.loader.js';
import { CurrencyRates, CurrencyRatesRefresh } from './currency-rate.type.js';
import { convertSchema, ratesDateSchema } from './currency-rate.validation.js';


@Resolver(() => CurrencyRates)
export class CurrencyRateResolver {
  constructor(private readonly rateService: CurrencyRateService) {}

  @Query(() => CurrencyRates, { nullable: true, description: 'Euro reference rates of a day (default: the latest)' })
  currencyRates(@Arg('date', () => String, { nullable: true, description: 'YYYY-MM-DD; the latest day on or before it' }) date?: string) {
    parseInput(ratesDateSchema, { date });
    return this.rateService.ratesOn(date);
  }

  @Query(() => Money, {
    nullable: true,
    description:
      'An amount in another currency at the latest reference rates, rounded half away from zero to the minor unit of `to`; null when a rate is missing',
  })
  async convertMoney(
    @Ctx() context: RequestContext,
    @Arg('amount', () => MoneyInput) amount: MoneyInput,
    @Arg('to', { description: 'ISO 4217 code' }) to: string,
  ): Promise<Money | null> {
    const input = parseInput(convertSchema, { amount, to });
    return (await requestConverter(context, this.rateService)).convert(input.amount, input.to);
  }

  @Authorized('ADMIN')
  @Mutation(() => CurrencyRatesRefresh, { description: 'Reads the configured rate document now (admin only)' })
  async refreshCurrencyRates(): Promise<CurrencyRatesRefresh> {
    try {
      return await this.rateService.refresh();
    } catch (error) {
      // The stored rates stay; the operator learns why the source failed.
      throw new AppError(`Could not read the currency rates: ${(error as Error).message}`, ErrorCode.CONFLICT);
    }
  }
}

import { Field, ObjectType } from 'type-graphql';

@ObjectType('CurrencyRate', { description: 'How many units of a currency one euro buys' })
export class CurrencyRate {
  @Field({ description: 'ISO 4217 code' })
  currency: string;

  @Field({ description: 'Exact decimal, e.g. "1.0812"' })
  rate: string;
}

@ObjectType('CurrencyRates', { description: 'European Central Bank euro reference rates of one day' })
export class CurrencyRates {
  @Field({ description: 'Day the rates were published (YYYY-MM-DD)' })
  date: string;

  @Field({ description: 'Always EUR: the ECB publishes rates against the euro' })
  base: string;

  @Field(() => [CurrencyRate])
  rates: CurrencyRate[];
}

@ObjectType('CurrencyRatesRefresh', { description: 'What a read of the configured rate document stored' })
export class CurrencyRatesRefresh {
  @Field({ description: 'Latest day in the document (YYYY-MM-DD)' })
  date: string;

  @Field(() => [String], { description: 'Days whose rates were new or changed; each was published as currency.rates.updated' })
  changedDays: string[];
}

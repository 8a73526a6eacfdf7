import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@mrt/graphql-kit';
import { DeliveryQuoteInput } from './quote.input.js';
import type { QuoteService } from './quote.service.js';
import { DeliveryQuote } from './quote.type.js';

@Resolver(() => DeliveryQuote)
export class QuoteResolver {
  constructor(private readonly quoteService: QuoteService) {}

  @Query(() => DeliveryQuote, { description: 'Prices chosen offers delivered to a country: one parcel per shop, a grand total in the requested currency' })
  deliveryQuote(@Ctx() context: RequestContext, @Arg('input', () => DeliveryQuoteInput) input: DeliveryQuoteInput): Promise<DeliveryQuote> {
    return this.quoteService.quote(context, input);
  }
}

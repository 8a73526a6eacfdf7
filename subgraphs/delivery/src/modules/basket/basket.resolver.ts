import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@mrt/graphql-kit';
import { BasketInput } from './basket.input.js';
import type { BasketService } from './basket.service.js';
import { BasketPlan } from './basket.type.js';

@Resolver(() => BasketPlan)
export class BasketResolver {
  constructor(private readonly basketService: BasketService) {}

  @Query(() => BasketPlan, {
    description:
      'Chooses one offer per release so that items plus per-parcel shipping cost the least: fewer, fuller parcels often beat each release at its cheapest shop',
  })
  cheapestBasket(@Ctx() context: RequestContext, @Arg('input', () => BasketInput) input: BasketInput): Promise<BasketPlan> {
    return this.basketService.cheapest(context, input);
  }
}

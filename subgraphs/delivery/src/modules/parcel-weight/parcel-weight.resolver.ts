import { Arg, Mutation, Query, Resolver } from 'type-graphql';
import { RequireScope } from '@mrt/graphql-kit';
import type { ParcelWeightService } from './parcel-weight.service.js';
import { toParcelWeights } from './parcel-weight.service.js';
import { ParcelWeights, ParcelWeightsInput } from './parcel-weight.type.js';

@Resolver(() => ParcelWeights)
export class ParcelWeightResolver {
  constructor(private readonly weightService: ParcelWeightService) {}

  @Query(() => ParcelWeights, { description: 'Format and packaging weights parcels are computed from' })
  async parcelWeights(): Promise<ParcelWeights> {
    return toParcelWeights(await this.weightService.table());
  }

  @RequireScope('delivery:write')
  @Mutation(() => ParcelWeights, { description: 'Changes format and packaging weights (scope delivery:write)' })
  async setParcelWeights(@Arg('input', () => ParcelWeightsInput) input: ParcelWeightsInput): Promise<ParcelWeights> {
    return toParcelWeights(await this.weightService.set(input));
  }
}

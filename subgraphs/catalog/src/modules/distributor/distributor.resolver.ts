import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { RequireScope, auditedChange, type RequestContext } from '@mrt/graphql-kit';
import type { DistributorService } from './distributor.service.js';
import { CreateDistributorInput, UpdateDistributorInput } from './distributor.input.js';
import { Distributor } from './distributor.type.js';

@Resolver(() => Distributor)
export class DistributorResolver {
  constructor(private readonly distributorService: DistributorService) {}

  @Query(() => [Distributor], { description: 'Every shop the tracker follows, by name' })
  distributors(): Promise<Distributor[]> {
    return this.distributorService.list();
  }

  @RequireScope('catalog:write')
  @Mutation(() => Distributor, { description: 'Adds a shop; country ISO 3166-1 alpha-2, currency ISO 4217 (scope catalog:write)' })
  createDistributor(@Ctx() context: RequestContext, @Arg('input', () => CreateDistributorInput) input: CreateDistributorInput): Promise<Distributor> {
    return auditedChange(context, { entity: 'Distributor', id: null }, null, () => this.distributorService.create(input));
  }

  @RequireScope('catalog:write')
  @Mutation(() => Distributor, { description: 'Changes a shop; omitted fields stay (scope catalog:write)' })
  updateDistributor(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDistributorInput) input: UpdateDistributorInput,
  ): Promise<Distributor> {
    const read = async () => (await this.distributorService.findByIds([id]))[0] ?? null;
    return auditedChange(context, { entity: 'Distributor', id }, read, () => this.distributorService.update(id, input));
  }
}

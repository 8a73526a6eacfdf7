import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { RequireScope, auditedChange, type RequestContext } from '@mrt/graphql-kit';
import type { DistributorService } from './distributor.service.js';
import { CreateDistributorInput, UpdateDistributorInput } from './distributor.input.js';
import { Distributor, DistributorConnection } from './distributor.type.js';

@Resolver(() => Distributor)
export class DistributorResolver {
  constructor(private readonly distributorService: DistributorService) {}

  @Query(() => DistributorConnection, { description: 'The shops the tracker follows, by name' })
  distributors(
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    return this.distributorService.list({ first, after });
  }

  @Query(() => Distributor, { nullable: true, description: 'One shop by id; null when unknown' })
  async distributor(@Arg('id', () => ID) id: string): Promise<Distributor | null> {
    return (await this.distributorService.findByIds([id]))[0] ?? null;
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

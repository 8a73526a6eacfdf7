import { Query, Resolver } from 'type-graphql';
import type { DistributorService } from './distributor.service.js';
import { Distributor } from './distributor.type.js';

@Resolver(() => Distributor)
export class DistributorResolver {
  constructor(private readonly distributorService: DistributorService) {}

  @Query(() => [Distributor], { description: 'Every shop the tracker follows, by name' })
  distributors(): Promise<Distributor[]> {
    return this.distributorService.list();
  }
}

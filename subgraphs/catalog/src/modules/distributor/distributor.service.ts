import type { DataSource, Repository } from 'typeorm';
import { findByIds } from '@mrt/graphql-kit';
import { DistributorEntity } from './distributor.entity.js';

export class DistributorService {
  private readonly distributors: Repository<DistributorEntity>;

  constructor(dataSource: DataSource) {
    this.distributors = dataSource.getRepository(DistributorEntity);
  }

  list(): Promise<DistributorEntity[]> {
    return this.distributors.find({ order: { name: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<DistributorEntity[]> {
    return findByIds(this.distributors, ids);
  }
}

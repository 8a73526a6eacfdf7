import type { DataSource, Repository } from 'typeorm';
import { findByIds } from '@mrt/graphql-kit';
import { SourceEntity } from './source.entity.js';

export class SourceService {
  private readonly sources: Repository<SourceEntity>;

  constructor(dataSource: DataSource) {
    this.sources = dataSource.getRepository(SourceEntity);
  }

  list(): Promise<SourceEntity[]> {
    return this.sources.find({ order: { name: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<SourceEntity[]> {
    return findByIds(this.sources, ids);
  }
}

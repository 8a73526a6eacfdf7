import { QueryFailedError, type DataSource, type DeepPartial, type Repository } from 'typeorm';
import { findByIds } from '@mrt/graphql-kit';
import { SourceEntity } from './source.entity.js';

/** The only place with SQL for the source table. */
export class SourceStore {
  private readonly sources: Repository<SourceEntity>;

  constructor(dataSource: DataSource) {
    this.sources = dataSource.getRepository(SourceEntity);
  }

  list(): Promise<SourceEntity[]> {
    return this.sources.find({ order: { name: 'ASC' } });
  }

  /** By name (unique), after the name `after`. */
  page(after: string | null, limit: number): Promise<SourceEntity[]> {
    const query = this.sources.createQueryBuilder('s').orderBy('s.name', 'ASC').limit(limit);
    if (after !== null) query.where('s.name > :after', { after });
    return query.getMany();
  }

  listByDistributor(distributorId: string): Promise<SourceEntity[]> {
    return this.sources.find({ where: { distributorId }, order: { name: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<SourceEntity[]> {
    return findByIds(this.sources, ids);
  }

  findById(id: string): Promise<SourceEntity | null> {
    return this.sources.findOneBy({ id });
  }

  /** A new, unsaved source with the given values. */
  build(values: DeepPartial<SourceEntity>): SourceEntity {
    return this.sources.create(values);
  }

  /** Inserts or updates; 'name-taken' when another source has the name (the unique index said so). */
  async save(source: SourceEntity): Promise<SourceEntity | 'name-taken'> {
    try {
      return await this.sources.save(source);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') return 'name-taken';
      throw error;
    }
  }
}

import { QueryFailedError, type DataSource, type Repository } from 'typeorm';
import { z } from 'zod';
import { BadUserInputError, NotFoundError, findByIds, parseInput } from '@mrt/graphql-kit';
import { slugify } from '../../resolution/normalize.js';
import { DistributorEntity } from './distributor.entity.js';
import type { CreateDistributorInput, UpdateDistributorInput } from './distributor.input.js';
import { createDistributorSchema, updateDistributorSchema } from './distributor.validation.js';

export class DistributorService {
  private readonly distributors: Repository<DistributorEntity>;

  constructor(dataSource: DataSource) {
    this.distributors = dataSource.getRepository(DistributorEntity);
  }

  list(): Promise<DistributorEntity[]> {
    return this.distributors.find({ order: { name: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<DistributorEntity[]> {
    return findByIds(this.distributors, ids.filter((id) => z.uuid().safeParse(id).success));
  }

  async create(input: CreateDistributorInput): Promise<DistributorEntity> {
    const valid = parseInput(createDistributorSchema, input);
    return this.saveUnique(this.distributors.create({ ...valid, slug: slugify(valid.name), autoCreated: false }));
  }

  async update(id: string, input: UpdateDistributorInput): Promise<DistributorEntity> {
    const [distributor] = await this.findByIds([id]);
    if (!distributor) throw new NotFoundError('Distributor', id);
    // Validated before anything changes: bad input never touches the stored shop.
    const valid = parseInput(updateDistributorSchema, input);
    if (valid.name != null) distributor.name = valid.name;
    if (valid.country != null) distributor.country = valid.country;
    if (valid.websiteUrl != null) distributor.websiteUrl = valid.websiteUrl;
    if (valid.currency != null) distributor.currency = valid.currency;
    if (valid.logoUrl !== undefined) distributor.logoUrl = valid.logoUrl;
    // Once an operator has looked at it, the provisional values are the operator's.
    distributor.autoCreated = false;
    distributor.updatedAt = new Date();
    return this.saveUnique(distributor);
  }

  private async saveUnique(distributor: DistributorEntity): Promise<DistributorEntity> {
    try {
      return await this.distributors.save(distributor);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new BadUserInputError('A distributor with this name already exists', [{ path: 'name', message: 'already used by another distributor' }]);
      }
      throw error;
    }
  }
}

import type { DataSource, Repository } from 'typeorm';
import { findByIds, parseInput } from '@mrt/graphql-kit';
import { updateProfileSchema } from '../auth/auth.schemas.js';
import { UserEntity } from './user.entity.js';

export class UserService {
  private readonly users: Repository<UserEntity>;

  constructor(dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return findByIds(this.users, ids);
  }

  /** Changes only the fields given; `country: null` clears the country. */
  async updateProfile(userId: string, input: unknown): Promise<UserEntity> {
    const data = parseInput(updateProfileSchema, input);
    const changes: Partial<UserEntity> = {};
    if (data.displayName) changes.displayName = data.displayName;
    if (data.country !== undefined) changes.country = data.country;
    if (data.currency) changes.currency = data.currency;
    if (Object.keys(changes).length > 0) await this.users.update({ id: userId }, changes);
    return this.users.findOneByOrFail({ id: userId });
  }
}

import type { DataSource } from 'typeorm';
import { parseInput } from '@mrt/graphql-kit';
import { updateProfileSchema } from '../auth/auth.validation.js';
import type { UserEntity } from './user.entity.js';
import { UserStore } from './user.store.js';

export class UserService {
  private readonly users: UserStore;

  constructor(dataSource: DataSource) {
    this.users = new UserStore(dataSource);
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.users.findByIds(ids);
  }

  /** Changes only the fields given; `country: null` clears the country. */
  async updateProfile(userId: string, input: unknown): Promise<UserEntity> {
    const data = parseInput(updateProfileSchema, input);
    const changes: Partial<UserEntity> = {};
    if (data.displayName) changes.displayName = data.displayName;
    if (data.country !== undefined) changes.country = data.country;
    if (data.currency) changes.currency = data.currency;
    if (Object.keys(changes).length > 0) await this.users.updateProfile(userId, changes);
    return this.users.get(userId);
  }
}

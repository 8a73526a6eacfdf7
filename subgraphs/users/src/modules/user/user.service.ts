import type { DataSource, Repository } from 'typeorm';
import { findByIds } from '@mrt/graphql-kit';
import { UserEntity } from './user.entity.js';

export class UserService {
  private readonly users: Repository<UserEntity>;

  constructor(dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return findByIds(this.users, ids);
  }
}

import type { DataSource, EntityManager, Repository } from 'typeorm';
import { findByIds, type Role } from '@mrt/graphql-kit';
import { UserEntity } from './user.entity.js';

export type NewUser = Pick<UserEntity, 'email' | 'displayName' | 'country' | 'currency' | 'roles' | 'passwordHash'>;

/** The only place with SQL for app_user. The password hash is read only where a method says so. */
export class UserStore {
  private readonly users: Repository<UserEntity>;

  constructor(db: DataSource | EntityManager) {
    this.users = db.getRepository(UserEntity);
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return findByIds(this.users, ids);
  }

  get(id: string): Promise<UserEntity> {
    return this.users.findOneByOrFail({ id });
  }

  /** Emails compare case-insensitively. */
  findByEmail(email: string, { withPassword = false } = {}): Promise<UserEntity | null> {
    const query = this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email });
    if (withPassword) query.addSelect('u.passwordHash');
    return query.getOne();
  }

  /** What a password change checks against. */
  findCredentials(id: string): Promise<Pick<UserEntity, 'id' | 'email' | 'passwordHash'> | null> {
    return this.users.findOne({ where: { id }, select: { id: true, email: true, passwordHash: true } });
  }

  insert(user: NewUser): Promise<UserEntity> {
    return this.users.save(this.users.create(user));
  }

  async updateProfile(id: string, changes: Partial<Pick<UserEntity, 'displayName' | 'country' | 'currency'>>): Promise<void> {
    await this.users.update({ id }, changes);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  async setRoles(id: string, roles: Role[]): Promise<void> {
    await this.users.update({ id }, { roles });
  }
}

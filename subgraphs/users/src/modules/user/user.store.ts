import { IsNull, type DataSource, type EntityManager, type Repository } from 'typeorm';
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

  /**
   * Accounts by email (emails are stored lower-case and unique), after the email `after`; with
   * `search`, those whose email or display name contains it in any case. `position` rather than
   * LIKE: the text is matched as written, `%` and `_` included.
   */
  page(options: { search: string | null; after: string | null; limit: number }): Promise<UserEntity[]> {
    const query = this.users.createQueryBuilder('u').orderBy('u.email', 'ASC').limit(options.limit);
    if (options.search) {
      query.andWhere('(position(lower(:search) in lower(u.email)) > 0 OR position(lower(:search) in lower(u.displayName)) > 0)', { search: options.search });
    }
    if (options.after !== null) query.andWhere('u.email > :after', { after: options.after });
    return query.getMany();
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

  async markEmailVerified(id: string, at: Date): Promise<void> {
    await this.users.update({ id, emailVerifiedAt: IsNull() }, { emailVerifiedAt: at });
  }

  /** Refresh and account tokens go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<boolean> {
    return ((await this.users.delete({ id })).affected ?? 0) > 0;
  }

  async setRoles(id: string, roles: Role[]): Promise<void> {
    await this.users.update({ id }, { roles });
  }
}

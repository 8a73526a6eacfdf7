import type { DataSource } from 'typeorm';
import { BadUserInputError, NotFoundError, decodeCursor, pageSize, parseInput, toConnection, type Connection, type Role } from '@mrt/graphql-kit';
import { updateProfileSchema } from '../auth/auth.validation.js';
import type { UserEntity } from './user.entity.js';
import { announceProfile } from './profile-event.js';
import { UserStore } from './user.store.js';
import { setRolesSchema, userSearchSchema } from './user.validation.js';

export class UserService {
  private readonly users: UserStore;

  constructor(private readonly dataSource: DataSource) {
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
    if (Object.keys(changes).length === 0) return this.users.get(userId);
    return this.dataSource.transaction(async (manager) => {
      const users = new UserStore(manager);
      await users.updateProfile(userId, changes);
      const user = await users.get(userId);
      if (changes.country !== undefined || changes.currency !== undefined) await announceProfile(manager, user);
      return user;
    });
  }

  /** Accounts by email, for operators; `search` matches part of the email or display name. */
  async list(options: { search?: string | null; first?: number | null; after?: string | null }): Promise<Connection<UserEntity>> {
    const { search } = parseInput(userSearchSchema, { search: options.search });
    const limit = pageSize(options.first);
    const cursor = decodeCursor(options.after, 1);
    const rows = await this.users.page({ search: search || null, after: cursor === null ? null : String(cursor[0]), limit: limit + 1 });
    return toConnection(rows, limit, (user) => [user.email]);
  }

  /**
   * Replaces an account's roles (USER always stays). Tokens carry the scopes of the roles they
   * were signed with, so the change reaches the account's access at its next sign-in or refresh.
   * An operator cannot take ADMIN from themselves: the last admin would lock everyone out.
   */
  async setRoles(actorId: string, input: { userId: string; roles: Role[] }): Promise<UserEntity> {
    const { userId, roles } = parseInput(setRolesSchema, input);
    const [user] = await this.users.findByIds([userId]);
    if (!user) throw new NotFoundError('User', userId);
    if (userId === actorId && user.roles.includes('ADMIN') && !roles.includes('ADMIN')) {
      throw new BadUserInputError('You cannot remove your own ADMIN role', [{ path: 'roles', message: 'must keep ADMIN for your own account' }]);
    }
    await this.users.setRoles(userId, roles);
    return this.users.get(userId);
  }
}


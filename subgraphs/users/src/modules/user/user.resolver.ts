import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ForbiddenError, RequireScope, auditChange, idLoader, isUuid, requireUser, type Connection, type RequestContext, type Role as RoleValue } from '@mrt/graphql-kit';
import { UpdateProfileInput } from '../auth/auth.input.js';
import { isOwnSession } from './own-session.js';
import type { UserEntity } from './user.entity.js';
import type { UserService } from './user.service.js';
import { Role, User, UserConnection } from './user.type.js';

export const USER_LOADER = 'user.byId';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => User, { nullable: true, description: 'The signed-in account; null when anonymous' })
  me(@Ctx() context: RequestContext): Promise<UserEntity | null> | null {
    if (!context.user) return null;
    return idLoader(context.loaders, USER_LOADER, (ids) => this.userService.findByIds(ids)).load(context.user.id);
  }

  @Authorized()
  @Mutation(() => User, { description: 'Change your display name, country or currency' })
  updateProfile(@Ctx() context: RequestContext, @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput): Promise<UserEntity> {
    return this.userService.updateProfile(requireUser(context).id, input);
  }

  @RequireScope('users:admin')
  @Query(() => UserConnection, { description: 'Accounts by email, for operators (scope users:admin)' })
  users(
    @Arg('search', () => String, { nullable: true, description: 'Part of the email or display name, any case' }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string | null,
  ): Promise<Connection<UserEntity>> {
    return this.userService.list({ search, first, after });
  }

  @RequireScope('users:admin')
  @Mutation(() => User, {
    description:
      "Sets an account's roles; USER is always kept, and you cannot take ADMIN from yourself (scope users:admin). " +
      'Access tokens carry the scopes of the roles they were signed with: the change takes effect at the next sign-in or token refresh.',
  })
  async setUserRoles(
    @Ctx() context: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('roles', () => [Role], { description: 'The roles the account should have' }) roles: RoleValue[],
  ): Promise<UserEntity> {
    const actorId = requireUser(context).id;
    // An id that is not a uuid reads nothing here; setRoles answers it with BAD_USER_INPUT.
    const [before] = isUuid(userId) ? await this.userService.findByIds([userId]) : [];
    const user = await this.userService.setRoles(actorId, { userId, roles });
    auditChange(context, { entity: 'User', id: userId, before: before ? { roles: before.roles } : null, after: { roles: user.roles } });
    return user;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Visible to the account itself and to admins only' })
  email(@Root() user: UserEntity, @Ctx() context: RequestContext): string | null {
    return isOwnOrAdmin(user, context) ? user.email : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the owner confirmed the address; visible to the account itself and to admins only' })
  emailVerified(@Root() user: UserEntity, @Ctx() context: RequestContext): boolean | null {
    return isOwnOrAdmin(user, context) ? user.emailVerifiedAt !== null : null;
  }

  /**
   * What an account may do tells an attacker whom to aim at: only the account itself and admins
   * see it, whichever way the User was reached (`me`, or `_entities` by id).
   */
  @FieldResolver(() => [Role])
  roles(@Root() user: UserEntity, @Ctx() context: RequestContext): RoleValue[] {
    if (!isOwnOrAdmin(user, context)) throw new ForbiddenError('Roles are visible to the account itself and to admins only');
    return user.roles as RoleValue[];
  }
}

/** Admins are whoever holds users:admin, the scope that manages accounts. */
function isOwnOrAdmin(user: UserEntity, context: RequestContext): boolean {
  const viewer = context.user;
  return isOwnSession(user) || Boolean(viewer && (viewer.id === user.id || viewer.scopes.includes('users:admin')));
}

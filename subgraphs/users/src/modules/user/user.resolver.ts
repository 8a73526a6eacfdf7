import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ForbiddenError, idLoader, requireUser, type RequestContext, type Role as RoleValue } from '@mrt/graphql-kit';
import { UpdateProfileInput } from '../auth/auth.input.js';
import { isOwnSession } from './own-session.js';
import type { UserEntity } from './user.entity.js';
import type { UserService } from './user.service.js';
import { Role, User } from './user.type.js';

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

  @FieldResolver(() => String, { nullable: true, description: 'Visible to the account itself and to admins only' })
  email(@Root() user: UserEntity, @Ctx() context: RequestContext): string | null {
    return isOwnOrAdmin(user, context) ? user.email : null;
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

function isOwnOrAdmin(user: UserEntity, context: RequestContext): boolean {
  const viewer = context.user;
  return isOwnSession(user) || Boolean(viewer && (viewer.id === user.id || viewer.roles.includes('ADMIN')));
}

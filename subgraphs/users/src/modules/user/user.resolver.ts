import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { idLoader, requireUser, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { UpdateProfileInput } from '../auth/auth.input.js';
import { isOwnSession } from './own-session.js';
import type { UserEntity } from './user.entity.js';
import type { UserService } from './user.service.js';
import { User } from './user.type.js';

export const USER_LOADER = 'user.byId';

/**
 * `_entities` for User follows `me`: an account (its roles, its settings) is visible to itself
 * and to admins; anyone else, anonymous callers included, gets null as for an unknown id.
 */
export function resolveUserReference(userService: UserService): ReferenceResolver<RequestContext> {
  return (reference, context) => {
    const viewer = context.user;
    const id = String(reference.id);
    if (!viewer || (viewer.id !== id && !viewer.roles.includes('ADMIN'))) return null;
    return idLoader(context.loaders, USER_LOADER, (ids) => userService.findByIds(ids)).load(id);
  };
}


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
    const viewer = context.user;
    const allowed = isOwnSession(user) || (viewer && (viewer.id === user.id || viewer.roles.includes('ADMIN')));
    return allowed ? user.email : null;
  }
}

import { Ctx, Query, Resolver } from 'type-graphql';
import { idLoader, type RequestContext } from '@mrt/graphql-kit';
import type { UserEntity } from './user.entity.js';
import type { UserService } from './user.service.js';
import { User } from './user.type.js';

export const USER_LOADER = 'user.byId';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => User, { nullable: true, description: 'The signed-in account; null when anonymous' })
  me(@Ctx() context: RequestContext): Promise<UserEntity | null> | null {
    if (!context.user) return null;
    return idLoader(context.loaders, USER_LOADER, (ids) => this.userService.findByIds(ids)).load(context.user.id);
  }
}

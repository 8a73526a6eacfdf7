import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '@mrt/graphql-kit';
import { FollowInput, UpdateFollowInput } from './follow.input.js';
import { toFollow, type FollowService } from './follow.service.js';
import { Follow } from './follow.type.js';

@Resolver(() => Follow)
export class FollowResolver {
  constructor(private readonly followService: FollowService) {}

  @Authorized()
  @Query(() => [Follow], { description: 'What the signed-in user follows, oldest first' })
  async myFollows(@Ctx() context: RequestContext): Promise<Follow[]> {
    return (await this.followService.listForUser(requireUser(context).id)).map(toFollow);
  }

  @Authorized()
  @Mutation(() => Follow, { description: 'Follow a band, label, genre, release or shop; following it again replaces its rules' })
  async follow(@Ctx() context: RequestContext, @Arg('input', () => FollowInput) input: FollowInput): Promise<Follow> {
    return toFollow(await this.followService.follow(requireUser(context).id, { ...input }));
  }

  @Authorized()
  @Mutation(() => Follow, { description: 'Change the rules of one of your follows' })
  async updateFollow(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateFollowInput) input: UpdateFollowInput,
  ): Promise<Follow> {
    return toFollow(await this.followService.update(requireUser(context).id, id, { ...input }));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Stop following; false if it was not yours or did not exist' })
  unfollow(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.followService.unfollow(requireUser(context).id, id);
  }
}

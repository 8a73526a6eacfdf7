import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '@mrt/graphql-kit';
import { FeedKind } from './feed-kind.js';
import type { FeedService } from './feed.service.js';

@Resolver()
export class FeedResolver {
  constructor(private readonly feedService: FeedService) {}

  @Authorized()
  @Mutation(() => String, { description: 'A new secret URL for your Atom or iCalendar feed; the previous URL stops working' })
  createFeedUrl(@Ctx() context: RequestContext, @Arg('kind', () => FeedKind) kind: FeedKind): Promise<string> {
    return this.feedService.createUrl(requireUser(context).id, kind);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Revoke your feed URL of this kind; false if there was none' })
  revokeFeedUrl(@Ctx() context: RequestContext, @Arg('kind', () => FeedKind) kind: FeedKind): Promise<boolean> {
    return this.feedService.revoke(requireUser(context).id, kind);
  }
}

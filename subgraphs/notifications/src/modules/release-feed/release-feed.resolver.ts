import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription, type PubSub } from 'type-graphql';
import { idLoader, type RequestContext } from '@mrt/graphql-kit';
import { OfferReference, ReleaseReference, offerReference } from '../notification/entity-references.js';
import { Notification } from '../notification/notification.type.js';
import { ReleaseFeedEvent, ReleaseFeedFilter } from './release-feed.type.js';
import type { ReleaseFeedRow, ReleaseFeedService } from './release-feed.service.js';

/**
 * The subscription root fields are declared here so they compose into the supergraph (clients,
 * codegen and the explorer see them) but executed by the gateway over graphql-ws: it resolves each
 * pushed key through `notification(id)` / `releaseFeedEvent(id, filter)` with the subscriber's
 * credentials and arguments, and this subgraph decides what each subscriber gets.
 */
function servedByTheGateway(): AsyncIterable<never> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.reject(new Error('Subscriptions are served by the gateway over graphql-ws')),
    }),
  };
}

/** type-graphql wants a PubSub once a @Subscription exists; nothing is ever published here. */
export const SERVED_BY_THE_GATEWAY: PubSub = {
  publish: () => undefined,
  subscribe: () => servedByTheGateway(),
};

@Resolver(() => ReleaseFeedEvent)
export class ReleaseFeedResolver {
  constructor(private readonly releaseFeedService: ReleaseFeedService) {}

  @Query(() => ReleaseFeedEvent, {
    nullable: true,
    description: 'One item of the public release feed; null when it does not match the filter (live subscriptions resolve through this, with the subscriber’s filter)',
  })
  async releaseFeedEvent(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('filter', () => ReleaseFeedFilter, { nullable: true }) filter?: ReleaseFeedFilter | null,
  ): Promise<ReleaseFeedRow | null> {
    const item = await idLoader(context.loaders, 'releaseFeed.byId', (ids) => this.releaseFeedService.findByIds(ids)).load(id);
    return this.releaseFeedService.forFilter(item, filter);
  }

  @Subscription(() => Notification, {
    subscribe: servedByTheGateway,
    description: 'Your notifications as they are created (sign-in required; served by the gateway over graphql-ws)',
  })
  notificationAdded(): Notification {
    throw new Error('unreachable');
  }

  @Subscription(() => ReleaseFeedEvent, {
    subscribe: servedByTheGateway,
    description: 'Public announcements and offer changes matching the filter (served by the gateway over graphql-ws)',
  })
  releaseFeed(@Arg('filter', () => ReleaseFeedFilter, { nullable: true }) _filter?: ReleaseFeedFilter): ReleaseFeedEvent {
    throw new Error('unreachable');
  }

  @FieldResolver(() => ReleaseReference)
  release(@Root() event: ReleaseFeedRow): ReleaseReference {
    return { id: event.releaseId };
  }

  @FieldResolver(() => OfferReference, { nullable: true })
  offer(@Root() event: ReleaseFeedRow): OfferReference | null {
    return offerReference(event.offerId);
  }
}

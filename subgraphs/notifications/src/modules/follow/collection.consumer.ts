import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { FollowService } from './follow.service.js';

/**
 * A fan wanted a release in their collection (releases subgraph, stream releases.collection): they
 * follow it. Its own subscription of group `notifications`, as that stream is not the release changes'.
 */
export function collectionConsumer(follows: FollowService): EventConsumerDefinition {
  return eventConsumer({
    group: 'notifications',
    types: ['collection.want.added'],
    handle: (event, manager) => follows.followWanted(event.data, manager),
  });
}

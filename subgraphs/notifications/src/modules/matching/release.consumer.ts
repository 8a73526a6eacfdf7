import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { NotificationMatchingService } from './notification-matching.service.js';
import { RELEASE_CHANGE_TYPES } from './occurrence.js';

/**
 * Consumes the releases subgraph's changes (group `notifications`): a release's news and its
 * offers' share one stream and stay in order within it, so one consumer takes them all. Handled
 * in batches (one inbox statement and one commit for many events): a shop's first import brings
 * thousands of offers at once. Live pushes go out per event once its batch committed.
 */
export function releaseConsumer(matching: NotificationMatchingService): EventConsumerDefinition {
  return eventConsumer({
    group: 'notifications',
    types: RELEASE_CHANGE_TYPES,
    batchSize: 500,
    handleBatch: async (events, manager) => {
      await matching.handleBatch(events, manager);
    },
    afterCommit: (event) => matching.publishCommitted(event.id),
  });
}

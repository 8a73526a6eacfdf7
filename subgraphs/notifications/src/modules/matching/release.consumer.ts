import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { NotificationMatchingService } from './notification-matching.service.js';
import { RELEASE_CHANGE_TYPES } from './occurrence.js';

/**
 * Consumes the releases subgraph's changes (group `notifications`): a release's news and its
 * offers' share one stream and stay in order within it, so one consumer takes them all.
 */
export function releaseConsumer(matching: NotificationMatchingService): EventConsumerDefinition {
  return eventConsumer({
    group: 'notifications',
    types: RELEASE_CHANGE_TYPES,
    handle: async (event, manager) => {
      await matching.handle(event, manager);
    },
    afterCommit: (event) => matching.publishCommitted(event.id),
  });
}

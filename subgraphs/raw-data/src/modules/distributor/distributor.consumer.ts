import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { DistributorProjection } from './distributor.projection.js';

/**
 * Keeps the distributor projection from catalog.distributor.changed (group "raw-data"). `onKnown`
 * is told each time a distributor's details arrive, e.g. to rerun sources that waited for its
 * currency; it runs outside the event's transaction and must handle its own errors.
 */
export function distributorConsumer(projection: DistributorProjection, onKnown: (distributorId: string) => Promise<void>): EventConsumerDefinition {
  return eventConsumer({
    group: 'raw-data',
    types: ['catalog.distributor.changed'],
    handle: async (event, manager) => {
      await projection.save(manager, event.data, event.occurredAt);
      // After this transaction, never inside it: the listener reads other tables through its own
      // connection, which embedded PGlite (one connection) could only give once this one is done.
      setImmediate(() => void onKnown(event.data.distributorId));
    },
  });
}

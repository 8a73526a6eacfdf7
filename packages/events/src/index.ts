/**
 * @mrt/events: the event backbone of the subgraphs.
 *
 * Wiring a subgraph (DataSource with its own schema / search_path):
 *
 *   migrations: [...EVENT_MIGRATIONS, ...ownMigrations]          // event_outbox + event_inbox
 *
 *   // producer: state and events commit together
 *   await dataSource.transaction(async (manager) => {
 *     await manager.save(offer);
 *     await enqueueEvents(manager, [createEvent('offer.added', { producer: 'releases', subject: subjects.offer(offer.id), data, traceparent })]);
 *   });
 *   relay.notify();
 *
 *   const bus = new RedisStreamsBus({ redis: redisUrl, keyPrefix: 'mrt:' });   // or new InProcessBus()
 *   const relay = new OutboxRelay({ dataSource, bus, name: 'releases' }); relay.start();
 *
 *   // consumer: handled-once via the inbox, follow-up events in the same transaction
 *   await bus.subscribe({
 *     group: 'notifications',
 *     types: ['release.announced', 'offer.added'],
 *     handler: createIdempotentHandler({ dataSource, consumer: 'notifications', handle: async (event, manager, ctx) => { ... },
 *       afterCommit: () => relay.notify() }),
 *   });
 *
 *   // batch consumer: up to batchSize events per transaction, one inbox statement for them all
 *   await bus.subscribe({
 *     group: 'catalog',
 *     types: ['raw.listing.captured'],
 *     batchSize: 100,
 *     batchHandler: createIdempotentBatchHandler({ dataSource, consumer: 'catalog', handleBatch: async (events, manager) => { ... },
 *       afterCommit: () => relay.notify() }),
 *   });
 *
 *   shutdown: subscription.stop() / bus.close(), relay.stop(), dataSource.destroy()
 */
export * from './domain.js';

// Contracts
export * from './event-schemas.js';
export * from './streams.js';
export * from './subjects.js';
export type { AnyEvent, EventEnvelope, EventOf } from './envelope.js';
export { envelopeSchema } from './envelope.js';
export {
  createEvent,
  parseEvent,
  parseEnvelope,
  validateEnvelope,
  formatIssues,
  EventValidationError,
  type CreateEventInput,
  type EventIssue,
  type EventParseError,
  type EventParseErrorKind,
  type ParseEventResult,
  type ParseEnvelopeResult,
} from './create-event.js';
export * from './trace-context.js';

// Bus
export * from './event-bus.js';
export { DEFAULT_BACKOFF, backoffDelayMs, type BackoffOptions } from './backoff.js';
export { DEFAULT_BATCH_SIZE, DEFAULT_MAX_ATTEMPTS, type SubscriptionDefaults } from './subscription-options.js';
export { formatDeadLetterId, parseDeadLetterId } from './dead-letter-id.js';
export { createEventBus, type CreateEventBusOptions } from './create-event-bus.js';
export { RedisStreamsBus, REDIS_BUS_DEFAULTS, type RedisStreamsBusOptions } from './redis-streams-bus.js';
export { InProcessBus, type InProcessBusOptions } from './in-process-bus.js';
export {
  InProcessLivePubSub,
  RedisLivePubSub,
  LIVE_CHANNELS,
  createLivePubSub,
  type CreateLivePubSubOptions,
  type LiveMessage,
  type LivePubSub,
  type NotificationAddedMessage,
  type RedisLivePubSubOptions,
  type ReleaseFeedMessage,
} from './live-pubsub.js';

// Outbox / inbox
export { enqueueEvents, purgePublishedOutbox, type OutboxTableOptions } from './outbox.js';
export { OutboxRelay, OUTBOX_RELAY_DEFAULTS, type OutboxRelayOptions, type RelayBatchResult } from './outbox-relay.js';
export {
  createIdempotentBatchHandler,
  createIdempotentHandler,
  purgeInbox,
  type IdempotentBatchHandlerOptions,
  type IdempotentHandlerOptions,
} from './inbox.js';
export { CreateEventOutbox1763856000000, CreateEventInbox1763856000001, EVENT_MIGRATIONS } from './migrations.js';
export { OUTBOX_TABLE, INBOX_TABLE, rowsOf } from './sql-results.js';

// Observability
export { noopEventMetrics, type EventMetrics } from './metrics.js';
export { silentLogger, type EventLogger } from './logger.js';

import { createIdempotentHandler, type EventOf, type EventType, type HandlerContext, type Subscription } from '@mrt/events';
import type { EntityManager } from 'typeorm';
import { SpanKind, extractTraceContext, withSpan } from '@mrt/platform';
import type { SubgraphDeps } from '../subgraph-deps.js';

/**
 * What a subgraph consumes: one consumer group per subgraph and stream (DESIGN §2). The handler
 * runs in the transaction that records the event in the inbox, so a redelivery changes nothing.
 */
export interface EventConsumerDefinition<T extends EventType = EventType> {
  /** Consumer group and inbox key; the subgraph's name unless it consumes one stream twice. */
  group: string;
  types: readonly T[];
  /** Write everything through `manager` (and enqueue follow-up events with it) so it commits with the inbox row. */
  handle: (event: EventOf<T>, manager: EntityManager, ctx: HandlerContext) => Promise<void>;
  /** Handlers at once, spread over lanes by event subject. Default 1. */
  concurrency?: number;
  /** Attempts before the event goes to the dead-letter stream. Default: the bus's (5). */
  maxAttempts?: number;
  /** Runs after a first (non-duplicate) handling committed: live pushes that must never announce a rolled-back change. */
  afterCommit?: (event: EventOf<T>) => Promise<void>;
}

/** Keeps the type parameter tied between `types` and `handle` when definitions go into one list. */
export function eventConsumer<T extends EventType>(definition: EventConsumerDefinition<T>): EventConsumerDefinition {
  return definition as unknown as EventConsumerDefinition;
}

/** Subscribes a subgraph's consumers; the outbox relay is woken after each handled event. */
export class EventConsumers {
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly deps: Pick<SubgraphDeps, 'db' | 'events'>,
    private readonly definitions: readonly EventConsumerDefinition[],
  ) {}

  async start(): Promise<void> {
    const { db, events } = this.deps;
    for (const definition of this.definitions) {
      const handler = createIdempotentHandler<EventOf<EventType>>({
        dataSource: db.dataSource,
        consumer: definition.group,
        schema: db.schema,
        handle: definition.handle,
        afterCommit: (event, outcome) => {
          if (outcome.duplicate) return;
          events.relay.notify();
          definition.afterCommit?.(event).catch(() => undefined);
        },
      });
      this.subscriptions.push(
        await events.bus.subscribe({
          group: definition.group,
          types: definition.types,
          // A consumer span under the producer's traceparent: the pipeline reads as one trace.
          handler: (event, ctx) =>
            withSpan(
              `event ${event.type}`,
              {
                kind: SpanKind.CONSUMER,
                parent: extractTraceContext({ traceparent: event.traceparent ?? undefined }),
                attributes: { 'messaging.consumer.group.name': definition.group, 'messaging.message.id': event.id },
              },
              () => handler(event, ctx),
            ),
          concurrency: definition.concurrency,
          maxAttempts: definition.maxAttempts,
        }),
      );
    }
  }

  /** Waits for running handlers; unstarted events stay on the stream for the next consumer. */
  async stop(): Promise<void> {
    const subscriptions = this.subscriptions.splice(0);
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  }
}

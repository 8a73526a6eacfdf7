import {
  createIdempotentBatchHandler,
  createIdempotentHandler,
  type AnyEvent,
  type EventOf,
  type EventType,
  type HandlerContext,
  type SubscribeOptions,
  type Subscription,
} from '@mrt/events';
import type { EntityManager } from 'typeorm';
import { SpanKind, extractTraceContext, withSpan } from '@mrt/platform';
import type { SubgraphDeps } from '../subgraph-deps.js';

interface EventConsumerOptions<T extends EventType> {
  /** Consumer group and inbox key; the subgraph's name unless it consumes one stream twice. */
  group: string;
  types: readonly T[];
  /** Handlers (or batches) at once, spread over lanes by event subject. Default 1. */
  concurrency?: number;
  /** Attempts before the event goes to the dead-letter stream. Default: the bus's (5). */
  maxAttempts?: number;
  /** Runs after a first (non-duplicate) handling committed: live pushes that must never announce a rolled-back change. */
  afterCommit?: (event: EventOf<T>) => Promise<void>;
}

type EventCallback<T extends EventType> = (event: EventOf<T>, manager: EntityManager, ctx: HandlerContext) => Promise<void>;
type BatchCallback<T extends EventType> = (events: readonly EventOf<T>[], manager: EntityManager, contexts: readonly HandlerContext[]) => Promise<void>;

/**
 * What a subgraph consumes: one consumer group per subgraph and stream (DESIGN §2). The handler
 * runs in the transaction that records the events in the inbox, so a redelivery changes nothing.
 * A consumer handles one event per transaction (`handle`) or, for a high-volume stream, a batch
 * of them (`handleBatch`): the events not handled before, in stream order per subject.
 */
export type EventConsumerInput<T extends EventType = EventType> = EventConsumerOptions<T> &
  (
    | {
        /** Write everything through `manager` (and enqueue follow-up events with it) so it commits with the inbox row. */
        handle: EventCallback<T>;
        handleBatch?: never;
        batchSize?: never;
      }
    | {
        /**
         * Write everything through `manager`; it commits with the inbox rows of the whole batch.
         * If it throws, the bus splits the batch and calls it with the halves, down to single events.
         */
        handleBatch: BatchCallback<T>;
        handle?: never;
        /** Most events per batch (and transaction). Default: the bus's (100). */
        batchSize?: number;
      }
  );

/** A consumer as the subgraph runs it; a batch consumer's `handle` is its batch of one. */
export interface EventConsumerDefinition<T extends EventType = EventType> extends EventConsumerOptions<T> {
  handle: EventCallback<T>;
  handleBatch?: BatchCallback<T>;
  batchSize?: number;
}

/** Keeps the type parameter tied between `types` and the handler when definitions go into one list. */
export function eventConsumer<T extends EventType>(input: EventConsumerInput<T>): EventConsumerDefinition {
  const { handleBatch } = input;
  const handle: EventCallback<T> = handleBatch ? (event, manager, ctx) => handleBatch([event], manager, [ctx]) : input.handle;
  return { ...input, handle } as unknown as EventConsumerDefinition;
}

/** Subscribes a subgraph's consumers; the outbox relay is woken after each handled event or batch that enqueued events. */
export class EventConsumers {
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly deps: Pick<SubgraphDeps, 'db' | 'events'>,
    private readonly definitions: readonly EventConsumerDefinition[],
  ) {}

  async start(): Promise<void> {
    for (const definition of this.definitions) {
      this.subscriptions.push(await this.deps.events.bus.subscribe(this.subscriptionOf(definition)));
    }
  }

  /** Waits for running handlers; unstarted events stay on the stream for the next consumer. */
  async stop(): Promise<void> {
    const subscriptions = this.subscriptions.splice(0);
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  }

  private subscriptionOf(definition: EventConsumerDefinition): SubscribeOptions {
    const { db, events } = this.deps;
    const common = { group: definition.group, types: definition.types, concurrency: definition.concurrency, maxAttempts: definition.maxAttempts };
    const committed = (handled: readonly EventOf<EventType>[], enqueuedEvents: boolean) => {
      if (handled.length === 0) return;
      // Only a transaction that wrote to the outbox gives the relay work: waking it for the others
      // cost an empty relay transaction (four statements) per batch.
      if (enqueuedEvents) events.relay.notify();
      for (const event of handled) definition.afterCommit?.(event).catch(() => undefined);
    };
    if (definition.handleBatch) {
      const handler = createIdempotentBatchHandler<EventOf<EventType>>({
        dataSource: db.dataSource,
        consumer: definition.group,
        schema: db.schema,
        handleBatch: definition.handleBatch,
        afterCommit: (handled, outcome) => committed(handled, outcome.enqueuedEvents),
      });
      return {
        ...common,
        batchSize: definition.batchSize,
        batchHandler: (entries) => consumerSpan(definition.group, entries[0]!.event, entries.length, () => handler(entries)),
      };
    }
    const handler = createIdempotentHandler<EventOf<EventType>>({
      dataSource: db.dataSource,
      consumer: definition.group,
      schema: db.schema,
      handle: definition.handle,
      afterCommit: (event, outcome) => committed(outcome.duplicate ? [] : [event], outcome.enqueuedEvents),
    });
    return { ...common, handler: (event, ctx) => consumerSpan(definition.group, event, 1, () => handler(event, ctx)) };
  }
}

/**
 * A consumer span under the producer's traceparent, so the pipeline reads as one trace; a batch
 * continues the trace of its first event.
 */
function consumerSpan(group: string, first: AnyEvent, count: number, handle: () => Promise<void>): Promise<void> {
  const attributes: Record<string, string | number> = { 'messaging.consumer.group.name': group, 'messaging.message.id': first.id };
  if (count > 1) attributes['messaging.batch.message_count'] = count;
  return withSpan(
    count > 1 ? `events ${first.type} +${count - 1}` : `event ${first.type}`,
    { kind: SpanKind.CONSUMER, parent: extractTraceContext({ traceparent: first.traceparent ?? undefined }), attributes },
    handle,
  );
}

import type { DataSource, EntityManager } from 'typeorm';
import type { AnyEvent } from './envelope.js';
import type { BatchEntry, BatchEventHandler, EventHandler, HandlerContext } from './event-bus.js';
import { enqueuedEventsIn } from './outbox.js';
import { INBOX_TABLE, qualifiedTable, rowsOf } from './sql-results.js';

export interface IdempotentHandlerOptions<E extends AnyEvent> {
  dataSource: DataSource;
  /** Inbox key; normally the consumer group name, so each service dedupes on its own. */
  consumer: string;
  /**
   * The business logic. Runs in the transaction that records the event as handled: use `manager`
   * for every write (and for enqueueEvents) so they commit or roll back together with the inbox row.
   */
  handle: (event: E, manager: EntityManager, ctx: HandlerContext) => Promise<void>;
  /**
   * Called after the transaction committed; `duplicate` is true when the event had already been
   * handled and nothing ran. Typical use: `() => relay.notify()` when the handler enqueues events.
   */
  afterCommit?: (event: E, outcome: { duplicate: boolean; enqueuedEvents: boolean }) => void;
  /** Schema holding event_inbox. Default: none, the connection's search_path decides. */
  schema?: string;
}

export interface IdempotentBatchHandlerOptions<E extends AnyEvent> {
  dataSource: DataSource;
  /** Inbox key; normally the consumer group name, so each service dedupes on its own. */
  consumer: string;
  /**
   * The business logic for the events of the batch not handled before, in the order delivered
   * (each event once, however often it was delivered). Runs in the transaction that records them
   * all as handled: every write through `manager`, enqueueEvents with it too.
   */
  handleBatch: (events: readonly E[], manager: EntityManager, contexts: readonly HandlerContext[]) => Promise<void>;
  /**
   * Called after the transaction committed, with the events that ran (none when all were
   * duplicates); `enqueuedEvents` says whether the handler put events into the outbox.
   */
  afterCommit?: (handled: readonly E[], outcome: { enqueuedEvents: boolean }) => void;
  /** Schema holding event_inbox. Default: none, the connection's search_path decides. */
  schema?: string;
}

/**
 * Wraps a batch handler so redelivered events change nothing: one statement records the batch's
 * events in the inbox and returns those that were new, the handler runs for those only, and it
 * all commits in one transaction. If the handler throws, the inbox rows roll back too, so the
 * bus's retry (of the batch's halves) runs them again.
 *
 * Two deliveries of the same event running at once (a reclaim racing a slow consumer) serialise on
 * the inbox primary key: the second waits for the first and then finds the row. Ids are inserted
 * in sorted order so two batches sharing events wait on each other instead of deadlocking.
 */
export function createIdempotentBatchHandler<E extends AnyEvent = AnyEvent>(options: IdempotentBatchHandlerOptions<E>): BatchEventHandler<E> {
  const table = qualifiedTable(INBOX_TABLE, options.schema);
  return async (entries) => {
    const { handled, enqueuedEvents } = await handleOnce(options.dataSource, table, options.consumer, entries, options.handleBatch);
    options.afterCommit?.(handled, { enqueuedEvents });
  };
}

/**
 * The per-event form of createIdempotentBatchHandler: a redelivered event changes nothing, the
 * inbox row and the handler's writes commit in one transaction.
 */
export function createIdempotentHandler<E extends AnyEvent = AnyEvent>(options: IdempotentHandlerOptions<E>): EventHandler<E> {
  const table = qualifiedTable(INBOX_TABLE, options.schema);
  const { handle } = options;
  return async (event, ctx) => {
    const { handled, enqueuedEvents } = await handleOnce(options.dataSource, table, options.consumer, [{ event, ctx }], ([first], manager) => handle(first!, manager, ctx));
    options.afterCommit?.(event, { duplicate: handled.length === 0, enqueuedEvents });
  };
}

/**
 * Records the entries in the inbox and runs `handle` for the new ones, in one transaction; returns
 * those, and whether they enqueued events.
 */
async function handleOnce<E extends AnyEvent>(
  dataSource: DataSource,
  table: string,
  consumer: string,
  entries: readonly BatchEntry<E>[],
  handle: IdempotentBatchHandlerOptions<E>['handleBatch'],
): Promise<{ handled: E[]; enqueuedEvents: boolean }> {
  return dataSource.transaction(async (manager) => {
    const ids = [...new Set(entries.map((entry) => entry.event.id.toLowerCase()))].sort();
    const inserted = rowsOf<{ event_id: string }>(
      await manager.query(
        `INSERT INTO ${table} (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
        [consumer, ids],
      ),
    );
    const fresh = new Set(inserted.map((row) => row.event_id.toLowerCase()));
    // Set.delete keeps only the first delivery of an event delivered twice in one batch.
    const toHandle = entries.filter((entry) => fresh.delete(entry.event.id.toLowerCase()));
    if (toHandle.length > 0) {
      await handle(
        toHandle.map((entry) => entry.event),
        manager,
        toHandle.map((entry) => entry.ctx),
      );
    }
    return { handled: toHandle.map((entry) => entry.event), enqueuedEvents: enqueuedEventsIn(manager) };
  });
}

/**
 * Deletes inbox rows older than `olderThanMs`. Only safe beyond the longest time an event can be
 * redelivered (stream retention and dead-letter replays), so it is not scheduled automatically.
 */
export async function purgeInbox(dataSource: DataSource, olderThanMs: number, options: { schema?: string } = {}): Promise<number> {
  const table = qualifiedTable(INBOX_TABLE, options.schema);
  const [row] = rowsOf<{ deleted: number }>(
    await dataSource.query(
      `WITH deleted AS (
         DELETE FROM ${table} WHERE handled_at < now() - ($1::bigint * interval '1 millisecond') RETURNING 1
       )
       SELECT count(*)::int AS deleted FROM deleted`,
      [Math.floor(olderThanMs)],
    ),
  );
  return Number(row?.deleted ?? 0);
}

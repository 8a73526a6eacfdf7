import type { DataSource, EntityManager } from 'typeorm';
import type { AnyEvent } from './envelope.js';
import type { EventHandler, HandlerContext } from './event-bus.js';
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
  afterCommit?: (event: E, outcome: { duplicate: boolean }) => void;
  /** Schema holding event_inbox. Default: none, the connection's search_path decides. */
  schema?: string;
}

/**
 * Wraps a handler so a redelivered event changes nothing: the inbox row and the handler's writes
 * commit in one transaction, and an event whose row already exists is skipped. If the handler
 * throws, the inbox row rolls back too, so the bus's retry runs the handler again.
 *
 * Two deliveries of the same event running at once (a reclaim racing a slow consumer) serialise on
 * the inbox primary key: the second waits for the first and then finds the row.
 */
export function createIdempotentHandler<E extends AnyEvent = AnyEvent>(options: IdempotentHandlerOptions<E>): EventHandler<E> {
  const table = qualifiedTable(INBOX_TABLE, options.schema);
  return async (event, ctx) => {
    const duplicate = await options.dataSource.transaction(async (manager) => {
      const inserted = rowsOf(
        await manager.query(
          `INSERT INTO ${table} (consumer, event_id) VALUES ($1, $2) ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
          [options.consumer, event.id],
        ),
      );
      if (inserted.length === 0) return true;
      await options.handle(event, manager, ctx);
      return false;
    });
    options.afterCommit?.(event, { duplicate });
  };
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

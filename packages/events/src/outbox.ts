import type { DataSource, EntityManager } from 'typeorm';
import { EventValidationError, isCreatedEvent, parseEvent } from './create-event.js';
import type { AnyEvent } from './envelope.js';
import { OUTBOX_TABLE, qualifiedTable, rowsOf } from './sql-results.js';

export interface OutboxTableOptions {
  /** Schema holding event_outbox. Default: none, the connection's search_path decides. */
  schema?: string;
}

/** Postgres allows 65535 bind parameters per statement; 4 per row. */
const ROWS_PER_INSERT = 1_000;

/** Transactions (by query runner) that wrote to the outbox: their committer wakes the relay, others need not. */
const enqueuing = new WeakSet<object>();

/** True when events were enqueued in this transaction (manager): after its commit the relay has work. */
export function enqueuedEventsIn(manager: EntityManager): boolean {
  return manager.queryRunner ? enqueuing.has(manager.queryRunner) : false;
}

/**
 * Writes events to the outbox inside the caller's transaction, so they are committed exactly when
 * the state change that caused them is, and vanish with it on rollback.
 *
 * Call it after the write that locks the event's subject (e.g. the UPDATE of the offer row): the
 * outbox id then follows the commit order of that subject, which is the order the relay publishes.
 */
export async function enqueueEvents(
  manager: EntityManager,
  events: readonly AnyEvent[],
  options: OutboxTableOptions = {},
): Promise<void> {
  if (events.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(
      'enqueueEvents must run inside the producer transaction: dataSource.transaction(async (manager) => { ...; await enqueueEvents(manager, events) })',
    );
  }
  // Events normally come from createEvent, which validated them and froze them (they are trusted
  // as they are), but a hand-built or copied one must not reach the outbox unchecked: there it
  // would block nothing yet poison every consumer.
  const validated = events.map((event) => {
    if (isCreatedEvent(event)) return event;
    const parsed = parseEvent(event);
    if (!parsed.ok) throw new EventValidationError(event.type, parsed.error.issues);
    return parsed.event;
  });
  const table = qualifiedTable(OUTBOX_TABLE, options.schema);
  for (let start = 0; start < validated.length; start += ROWS_PER_INSERT) {
    const chunk = validated.slice(start, start + ROWS_PER_INSERT);
    const values = chunk.map((_, row) => `($${row * 4 + 1}, $${row * 4 + 2}, $${row * 4 + 3}, $${row * 4 + 4}::jsonb)`);
    const parameters = chunk.flatMap((event) => [event.id, event.type, event.subject, JSON.stringify(event)]);
    await manager.query(`INSERT INTO ${table} (event_id, type, subject, payload) VALUES ${values.join(', ')}`, parameters);
  }
  enqueuing.add(manager.queryRunner);
}

/** Deletes published rows older than `olderThanMs`, in chunks; returns how many. */
export async function purgePublishedOutbox(
  dataSource: DataSource,
  olderThanMs: number,
  options: OutboxTableOptions & { chunkSize?: number } = {},
): Promise<number> {
  const table = qualifiedTable(OUTBOX_TABLE, options.schema);
  const chunkSize = options.chunkSize ?? 5_000;
  let total = 0;
  for (;;) {
    // Chunked so a large backlog never holds one long transaction and its locks.
    const [row] = rowsOf<{ deleted: number }>(
      await dataSource.query(
        `WITH doomed AS (
           SELECT id FROM ${table}
           WHERE published_at IS NOT NULL AND published_at < now() - ($1::bigint * interval '1 millisecond')
           ORDER BY published_at
           LIMIT $2
         ), deleted AS (
           DELETE FROM ${table} WHERE id IN (SELECT id FROM doomed) RETURNING 1
         )
         SELECT count(*)::int AS deleted FROM deleted`,
        [Math.floor(olderThanMs), chunkSize],
      ),
    );
    const deleted = Number(row?.deleted ?? 0);
    total += deleted;
    if (deleted < chunkSize) return total;
  }
}

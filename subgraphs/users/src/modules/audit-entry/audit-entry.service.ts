import type { EventOf } from '@mrt/events';
import { BadUserInputError, decodeCursor, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditEntryStore, type AuditEntryFilter } from './audit-entry.store.js';

/** The one audit store: entries from every subgraph's audit.recorded events, read by admins. */
export class AuditEntryService {
  private readonly entries: AuditEntryStore;

  constructor(dataSource: DataSource) {
    this.entries = new AuditEntryStore(dataSource);
  }

  /** In the consumer's transaction, with the inbox row that makes a redelivery a no-op. */
  static async record(manager: EntityManager, event: EventOf<'audit.recorded'>): Promise<void> {
    const { data } = event;
    await new AuditEntryStore(manager).append({
      id: event.id,
      occurredAt: new Date(event.occurredAt),
      subgraph: data.subgraph,
      actorId: data.actorId,
      actorRoles: data.actorRoles,
      operationName: data.operationName,
      field: data.field,
      scope: data.scope,
      variables: data.variables,
      outcome: data.outcome,
      errorMessage: data.errorMessage,
      changes: data.changes,
      requestId: data.requestId,
    });
  }

  async list(filter: Partial<AuditEntryFilter>, first: number | null | undefined, after: string | null | undefined): Promise<Connection<AuditEntryEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const complete: AuditEntryFilter = {
      actorId: filter.actorId ?? null,
      subgraph: filter.subgraph ?? null,
      operation: filter.operation ?? null,
      outcome: filter.outcome ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    };
    if (complete.from && complete.to && complete.from >= complete.to) {
      throw new BadUserInputError('from must be before to', [{ path: 'filter.to', message: 'must be after from' }]);
    }
    const position = cursor ? { occurredAt: String(cursor[0]), seq: String(cursor[1]) } : null;
    const rows = await this.entries.page(complete, position, limit + 1);
    return toConnection(rows, limit, (entry) => [entry.occurredAt.toISOString(), String(entry.seq)]);
  }
}

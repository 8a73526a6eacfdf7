import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

export type NewAuditEntry = Omit<AuditEntryEntity, 'seq'>;

export interface AuditEntryFilter {
  actorId: string | null;
  subgraph: string | null;
  /** The mutation field or the client's operation name. */
  operation: string | null;
  /** `OK`, `ERROR` (any failure) or one error code. */
  outcome: string | null;
  from: Date | null;
  to: Date | null;
}

/** The only place with SQL for audit_entry: inserts and reads, never an update or delete. */
export class AuditEntryStore {
  private readonly entries: Repository<AuditEntryEntity>;

  constructor(db: DataSource | EntityManager) {
    this.entries = db.getRepository(AuditEntryEntity);
  }

  /** A redelivered event finds its entry there already: nothing changes. */
  async append(entry: NewAuditEntry): Promise<void> {
    await this.entries.createQueryBuilder().insert().values(entry as QueryDeepPartialEntity<AuditEntryEntity>).orIgnore().execute();
  }

  /** Newest first, after the entry at `after` (occurredAt, seq). */
  page(filter: AuditEntryFilter, after: { occurredAt: string; seq: string } | null, limit: number): Promise<AuditEntryEntity[]> {
    const query = this.entries.createQueryBuilder('a').orderBy('a.occurredAt', 'DESC').addOrderBy('a.seq', 'DESC').limit(limit);
    if (filter.actorId) query.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.subgraph) query.andWhere('a.subgraph = :subgraph', { subgraph: filter.subgraph });
    if (filter.operation) query.andWhere('(a.field = :operation OR a.operationName = :operation)', { operation: filter.operation });
    if (filter.outcome === 'ERROR') query.andWhere("a.outcome <> 'OK'");
    else if (filter.outcome) query.andWhere('a.outcome = :outcome', { outcome: filter.outcome });
    if (filter.from) query.andWhere('a.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.occurredAt < :to', { to: filter.to });
    if (after) query.andWhere('(a.occurredAt, a.seq) < (:afterAt::timestamptz, :afterSeq::bigint)', { afterAt: after.occurredAt, afterSeq: after.seq });
    return query.getMany();
  }
}

import { Arg, Int, Query, Resolver } from 'type-graphql';
import { RequireScope, type Connection } from '@mrt/graphql-kit';
import type { AuditEntryEntity } from './audit-entry.entity.js';
import type { AuditEntryService } from './audit-entry.service.js';
import { AuditEntry, AuditEntryConnection, AuditLogFilter } from './audit-entry.type.js';

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  constructor(private readonly auditEntries: AuditEntryService) {}

  @RequireScope('users:admin')
  @Query(() => AuditEntryConnection, { description: "Operators' mutations in every subgraph, newest first (scope users:admin)" })
  auditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter?: AuditLogFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string | null,
  ): Promise<Connection<AuditEntryEntity>> {
    return this.auditEntries.list(filter ?? {}, first, after);
  }
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One operator mutation, as the subgraph that ran it recorded it. Append-only (a trigger refuses changes). */
@Entity('audit_entry')
export class AuditEntryEntity {
  /** The audit.recorded event's id. */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('text')
  subgraph: string;

  @Column('text', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text', { name: 'actor_roles', array: true })
  actorRoles: string[];

  @Column('text', { name: 'operation_name', nullable: true })
  operationName: string | null;

  @Column('text')
  field: string;

  @Column('text')
  scope: string;

  @Column('jsonb')
  variables: Record<string, unknown>;

  @Column('text')
  outcome: string;

  @Column('text', { name: 'error_message', nullable: true })
  errorMessage: string | null;

  @Column('jsonb')
  changes: Array<{ entity: string; id: string; before: unknown; after: unknown }>;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;
}

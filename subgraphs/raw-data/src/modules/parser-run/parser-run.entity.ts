import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldCoverage } from '../../capture/field-coverage.js';
import type { RunIssue } from '../../crawling/run-issue.js';
import type { RunStatus, RunTrigger } from './parser-run.model.js';

@Entity('parser_run')
export class ParserRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'source_id' })
  sourceId: string;

  @Column('text')
  trigger: RunTrigger;

  @Column('text')
  status: RunStatus;

  /** The operator accepted that the shop shrank: the removal guard stands aside for this run. */
  @Column('boolean', { name: 'accept_shrink' })
  acceptShrink: boolean;

  @Column('timestamptz', { name: 'queued_at' })
  queuedAt: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @Column('timestamptz', { name: 'heartbeat_at', nullable: true })
  heartbeatAt: Date | null;

  @Column('integer', { name: 'pages_fetched' })
  pagesFetched: number;

  @Column('integer', { name: 'pages_not_modified' })
  pagesNotModified: number;

  @Column('integer', { name: 'listings_seen' })
  listingsSeen: number;

  @Column('integer', { name: 'listings_new' })
  listingsNew: number;

  @Column('integer', { name: 'listings_changed' })
  listingsChanged: number;

  @Column('integer', { name: 'listings_removed' })
  listingsRemoved: number;

  @Column('integer', { name: 'items_skipped' })
  itemsSkipped: number;

  @Column('boolean', { name: 'removal_suppressed' })
  removalSuppressed: boolean;

  @Column('jsonb')
  errors: RunIssue[];

  @Column('jsonb')
  skipped: RunIssue[];

  @Column('jsonb', { name: 'field_coverage', nullable: true })
  fieldCoverage: FieldCoverage | null;
}

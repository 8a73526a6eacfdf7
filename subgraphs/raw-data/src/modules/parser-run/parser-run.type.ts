import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, graphqlEnum } from '@mrt/graphql-kit';
import { RUN_STATUSES, RUN_TRIGGERS, type RunStatus, type RunTrigger } from './parser-run.model.js';

export const ParserRunStatus = graphqlEnum('ParserRunStatus', RUN_STATUSES, 'Where a parser run stands', {
  QUEUED: 'Waiting for a worker',
  RUNNING: 'Fetching and parsing',
  SUCCEEDED: 'Every page read; listings no longer seen were marked removed',
  FAILED: 'Nothing usable was read; stored listings are untouched',
  PARTIAL: 'Some pages failed, or the removal guard held back removals: what was read is stored, nothing was removed',
});

export const ParserRunTrigger = graphqlEnum('ParserRunTrigger', RUN_TRIGGERS, 'What started a run', {
  MANUAL: 'runParser',
  SCHEDULE: "The source's cron schedule",
});

@ObjectType('ParserRunIssue', { description: 'An error or a skipped item recorded by a run' })
export class ParserRunIssue {
  @Field({ description: 'Stable code, e.g. http-error, robots-disallowed, parse-error, price-zero, removal-guard' })
  code: string;

  @Field()
  message: string;

  @Field(() => String, { nullable: true })
  url?: string;

  @Field(() => String, { nullable: true })
  externalId?: string;

  @Field(() => String, { nullable: true })
  detail?: string;
}

@ObjectType('FieldCoverage', { description: 'Of the listings read, how many carried each field (format OTHER and stock UNKNOWN count as missing)' })
export class FieldCoverage {
  @Field(() => Int, { description: 'Listings read (pages answered 304 are not read again and not counted)' })
  listings: number;

  @Field(() => Int)
  band: number;

  @Field(() => Int)
  title: number;

  @Field(() => Int)
  format: number;

  @Field(() => Int)
  price: number;

  @Field(() => Int)
  stock: number;

  @Field(() => Int)
  releaseDate: number;

  @Field(() => Int)
  label: number;
}

@Directive('@key(fields: "id")')
@ObjectType('ParserRun', { description: 'One crawl of a source. For announcement sources the listing counters count announcements.' })
export class ParserRun {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  sourceId: string;

  @Field(() => ParserRunStatus)
  status: RunStatus;

  @Field(() => ParserRunTrigger)
  trigger: RunTrigger;

  @Field()
  queuedAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Int, { description: 'Pages downloaded in full' })
  pagesFetched: number;

  @Field(() => Int, { description: 'Pages the shop answered 304 Not Modified for' })
  pagesNotModified: number;

  @Field(() => Int, { description: 'Distinct listings found, changed or not' })
  listingsSeen: number;

  @Field(() => Int, { description: 'Listings never stored before' })
  listingsNew: number;

  @Field(() => Int, { description: 'Stored listings whose content changed (or that came back)' })
  listingsChanged: number;

  @Field(() => Int, { description: 'Stored listings marked removed because this complete run no longer saw them' })
  listingsRemoved: number;

  @Field(() => Int, { description: 'Items left out (merch, no title, invalid), see `skipped`' })
  itemsSkipped: number;

  @Field({ description: 'The run saw far fewer listings than the last good run, so it removed nothing' })
  removalSuppressed: boolean;

  @Field(() => [ParserRunIssue], { description: 'What went wrong, at most 200 kept' })
  errors: ParserRunIssue[];

  @Field(() => [ParserRunIssue], { description: 'Items left out and why, at most 200 kept' })
  skipped: ParserRunIssue[];

  @Field(() => FieldCoverage, { nullable: true, description: 'Field by field, how complete the listings read were; null until the run finishes' })
  fieldCoverage: FieldCoverage | null;
}

export const ParserRunConnection = ConnectionType(ParserRun, 'ParserRun');

import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { byKey, idLoader, type Connection, type RequestContext } from '@mrt/graphql-kit';
import type { SourceService } from '../source/source.service.js';
import { Source } from '../source/source.type.js';
import { SOURCE_LOADER } from '../source/source.resolver.js';
import type { SourceEntity } from '../source/source.entity.js';
import type { ParserRunEntity } from './parser-run.entity.js';
import type { ParserRunService } from './parser-run.service.js';
import { ParserRun, ParserRunConnection } from './parser-run.type.js';

export const PARSER_RUN_LOADER = 'parserRun.byId';
const LATEST_RUN_LOADER = 'parserRun.latestBySource';

/** Queues a run now (the runs' ParserRunner): declared here because modules never import runs/. */
export interface RunStarter {
  runNow(sourceId: string, acceptShrink: boolean): Promise<ParserRunEntity>;
}

@Resolver(() => ParserRun)
export class ParserRunResolver {
  constructor(
    private readonly runs: ParserRunService,
    private readonly runner: RunStarter,
    private readonly sources: SourceService,
  ) {}

  @Authorized('ADMIN')
  @Mutation(() => ParserRun, { description: "Starts a run of a source now and returns at once (QUEUED); the source's active run if it has one (admin only)" })
  async runParser(
    @Arg('sourceId', () => ID) sourceId: string,
    @Arg('acceptShrink', () => Boolean, { nullable: true, description: 'The shop really shrank: let this run remove listings even below the removal guard' })
    acceptShrink?: boolean | null,
  ): Promise<ParserRunEntity> {
    const source = await this.sources.getOrFail(sourceId);
    return this.runner.runNow(source.id, acceptShrink ?? false);
  }

  @Authorized('ADMIN')
  @Query(() => ParserRun, { nullable: true, description: 'One run by id (admin only)' })
  parserRun(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<ParserRunEntity | null> {
    return idLoader(context.loaders, PARSER_RUN_LOADER, (ids) => this.runs.findByIds(ids)).load(id);
  }

  @Authorized('ADMIN')
  @Query(() => ParserRunConnection, { description: "A source's runs, newest first (admin only)" })
  async parserRuns(
    @Arg('sourceId', () => ID) sourceId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string | null,
  ): Promise<Connection<ParserRunEntity>> {
    const source = await this.sources.getOrFail(sourceId);
    return this.runs.list(source.id, first, after);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Ctx() context: RequestContext, @Root() run: ParserRunEntity): Promise<SourceEntity | null> {
    return idLoader(context.loaders, SOURCE_LOADER, (ids) => this.sources.findByIds(ids)).load(run.sourceId);
  }
}

/** Source.lastRun lives beside the runs it reads; the source module stays unaware of runs. */
@Resolver(() => Source)
export class SourceLastRunResolver {
  constructor(private readonly runs: ParserRunService) {}

  @FieldResolver(() => ParserRun, { nullable: true, description: 'The most recent run, whatever its status; null before the first' })
  lastRun(@Ctx() context: RequestContext, @Root() source: SourceEntity): Promise<ParserRunEntity | null> {
    return context.loaders
      .get<string, ParserRunEntity | null>(LATEST_RUN_LOADER, async (sourceIds) => byKey(sourceIds, await this.runs.latestBySources(sourceIds), (run) => run.sourceId))
      .load(source.id);
  }
}

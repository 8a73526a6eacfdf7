import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequireScope, auditedChange, idLoader, type Connection, type RequestContext } from '@mrt/graphql-kit';
import type { SourceEntity } from './source.entity.js';
import { CreateSourceInput, UpdateSourceInput } from './source.input.js';
import type { SourceService } from './source.service.js';
import { Source, SourceConnection } from './source.type.js';
import { DistributorReference } from '../distributor/distributor.type.js';

export const SOURCE_LOADER = 'source.byId';

@Resolver(() => Source)
export class SourceResolver {
  constructor(private readonly sourceService: SourceService) {}

  @RequireScope('sources:write')
  @Query(() => SourceConnection, { description: 'The configured sources by name (scope sources:write)' })
  sources(
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string | null,
  ): Promise<Connection<SourceEntity>> {
    return this.sourceService.page(first, after);
  }

  @RequireScope('sources:write')
  @Query(() => Source, { nullable: true, description: 'One source by id (scope sources:write)' })
  source(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<SourceEntity | null> {
    return idLoader(context.loaders, SOURCE_LOADER, (ids) => this.sourceService.findByIds(ids)).load(id);
  }

  @RequireScope('sources:write')
  @Mutation(() => Source, { description: 'Adds a shop or feed; its options are checked against its kind (scope sources:write)' })
  createSource(@Ctx() context: RequestContext, @Arg('input', () => CreateSourceInput) input: CreateSourceInput): Promise<SourceEntity> {
    return auditedChange(context, { entity: 'Source', id: null }, null, () => this.sourceService.create(input));
  }

  @RequireScope('sources:write')
  @Mutation(() => Source, { description: 'Changes a source; omitted fields stay (scope sources:write)' })
  updateSource(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateSourceInput) input: UpdateSourceInput,
  ): Promise<SourceEntity> {
    return auditedChange(context, { entity: 'Source', id }, () => this.sourceService.findById(id), () => this.sourceService.update(id, input));
  }

  @RequireScope('sources:write')
  @Mutation(() => Source, { description: 'Turns scheduled runs of a source on or off (scope sources:write)' })
  setSourceEnabled(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string, @Arg('enabled') enabled: boolean): Promise<SourceEntity> {
    return auditedChange(context, { entity: 'Source', id }, () => this.sourceService.findById(id), () => this.sourceService.setEnabled(id, enabled));
  }

  @FieldResolver(() => DistributorReference, { nullable: true, description: 'The shop in the catalog; null for announcement feeds' })
  distributor(@Root() source: SourceEntity): DistributorReference | null {
    return source.distributorId ? { id: source.distributorId } : null;
  }
}

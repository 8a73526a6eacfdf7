import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { idLoader, type RequestContext } from '@mrt/graphql-kit';
import type { SourceEntity } from './source.entity.js';
import { CreateSourceInput, UpdateSourceInput } from './source.input.js';
import type { SourceService } from './source.service.js';
import { Source } from './source.type.js';
import { DistributorReference } from '../distributor/distributor.type.js';

export const SOURCE_LOADER = 'source.byId';

@Resolver(() => Source)
export class SourceResolver {
  constructor(private readonly sourceService: SourceService) {}

  @Authorized('ADMIN')
  @Query(() => [Source], { description: 'Every configured source (admin only)' })
  sources(): Promise<SourceEntity[]> {
    return this.sourceService.list();
  }

  @Authorized('ADMIN')
  @Query(() => Source, { nullable: true, description: 'One source by id (admin only)' })
  source(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<SourceEntity | null> {
    return idLoader(context.loaders, SOURCE_LOADER, (ids) => this.sourceService.findByIds(ids)).load(id);
  }

  @Authorized('ADMIN')
  @Mutation(() => Source, { description: 'Adds a shop or feed; its options are checked against its kind (admin only)' })
  createSource(@Arg('input', () => CreateSourceInput) input: CreateSourceInput): Promise<SourceEntity> {
    return this.sourceService.create(input);
  }

  @Authorized('ADMIN')
  @Mutation(() => Source, { description: 'Changes a source; omitted fields stay (admin only)' })
  updateSource(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateSourceInput) input: UpdateSourceInput): Promise<SourceEntity> {
    return this.sourceService.update(id, input);
  }

  @Authorized('ADMIN')
  @Mutation(() => Source, { description: 'Turns scheduled runs of a source on or off (admin only)' })
  setSourceEnabled(@Arg('id', () => ID) id: string, @Arg('enabled') enabled: boolean): Promise<SourceEntity> {
    return this.sourceService.setEnabled(id, enabled);
  }

  @FieldResolver(() => DistributorReference, { nullable: true, description: 'The shop in the catalog; null for announcement feeds' })
  distributor(@Root() source: SourceEntity): DistributorReference | null {
    return source.distributorId ? { id: source.distributorId } : null;
  }
}

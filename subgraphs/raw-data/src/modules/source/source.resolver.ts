import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { idLoader, type RequestContext } from '@mrt/graphql-kit';
import type { SourceEntity } from './source.entity.js';
import type { SourceService } from './source.service.js';
import { Source } from './source.type.js';

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
}

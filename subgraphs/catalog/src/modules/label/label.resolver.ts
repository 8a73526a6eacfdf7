import { Arg, Int, Query, Resolver } from 'type-graphql';
import type { LabelService } from './label.service.js';
import { Label, LabelConnection } from './label.type.js';

export const LABEL_LOADER = 'label.byId';

@Resolver(() => Label)
export class LabelResolver {
  constructor(private readonly labelService: LabelService) {}

  @Query(() => LabelConnection, { description: 'Labels in alphabetical order, optionally filtered' })
  labels(
    @Arg('search', () => String, { nullable: true, description: 'Part of the name; case and diacritics ignored' }) search?: string,
    @Arg('country', () => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country' }) country?: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    return this.labelService.list({ search, country, first, after });
  }
}

import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { idLoader, type RequestContext } from '@mrt/graphql-kit';
import { bandLoader } from '../band/band.loader.js';
import type { BandService } from '../band/band.service.js';
import { LABEL_LOADER } from '../label/label.resolver.js';
import type { LabelService } from '../label/label.service.js';
import type { SearchService } from './search.service.js';
import { CatalogHit } from './search.type.js';

@Resolver(() => CatalogHit)
export class SearchResolver {
  constructor(
    private readonly searchService: SearchService,
    private readonly bandService: BandService,
    private readonly labelService: LabelService,
  ) {}

  @Query(() => [CatalogHit], { description: 'Autocomplete over bands and labels: prefix matches first, typo-tolerant, case and diacritics ignored' })
  searchCatalog(
    @Arg('query', () => String) query: string,
    @Arg('first', () => Int, { nullable: true, description: 'How many hits (default 10, at most 50)' }) first?: number,
  ) {
    return this.searchService.search(query, first);
  }

  @FieldResolver()
  band(@Root() hit: CatalogHit, @Ctx() context: RequestContext) {
    return hit.kind === 'BAND' ? bandLoader(context, this.bandService).load(hit.id) : null;
  }

  @FieldResolver()
  label(@Root() hit: CatalogHit, @Ctx() context: RequestContext) {
    return hit.kind === 'LABEL' ? idLoader(context.loaders, LABEL_LOADER, (ids) => this.labelService.findByIds(ids)).load(hit.id) : null;
  }
}

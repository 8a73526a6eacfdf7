import { DeadLetterResolver, authChecker, buildFederatedSchema, resolverContainer, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { BandResolver } from './modules/band/band.resolver.js';
import { DistributorResolver } from './modules/distributor/distributor.resolver.js';
import { GenreResolver } from './modules/genre/genre.resolver.js';
import { LabelResolver } from './modules/label/label.resolver.js';
import { ReviewResolver } from './modules/review/review.resolver.js';
import { SearchResolver } from './modules/search/search.resolver.js';

/** Resolver classes and instances of this subgraph; without instances the schema is SDL-only. */
export function buildCatalogSchema(
  instances: object[] = [],
  referenceResolvers: Record<string, ReferenceResolver<RequestContext>> = {},
) {
  return buildFederatedSchema<RequestContext>({
    resolvers: [BandResolver, LabelResolver, GenreResolver, DistributorResolver, SearchResolver, ReviewResolver, DeadLetterResolver],
    container: resolverContainer(instances),
    authChecker,
    referenceResolvers,
  });
}

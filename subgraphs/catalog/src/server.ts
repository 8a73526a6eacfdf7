import { DeadLetterResolver, createSubgraphServer, idLoader, referenceById, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { bandLoader } from './modules/band/band.loader.js';
import { BandResolver } from './modules/band/band.resolver.js';
import { BandService } from './modules/band/band.service.js';
import { DistributorResolver } from './modules/distributor/distributor.resolver.js';
import { DistributorService } from './modules/distributor/distributor.service.js';
import { GenreResolver } from './modules/genre/genre.resolver.js';
import { GenreService } from './modules/genre/genre.service.js';
import { LABEL_LOADER, LabelResolver } from './modules/label/label.resolver.js';
import { LabelService } from './modules/label/label.service.js';
import { ReviewResolver } from './modules/review/review.resolver.js';
import { ReviewService } from './modules/review/review.service.js';
import { SearchResolver } from './modules/search/search.resolver.js';
import { SearchService } from './modules/search/search.service.js';
import { rawListingConsumer } from './resolution/raw-listing.consumer.js';
import { ResolutionService } from './resolution/resolution.service.js';
import { buildCatalogSchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps): Subgraph {
  const { dataSource } = deps.db;
  const bands = new BandService(dataSource);
  const labels = new LabelService(dataSource);
  const genres = new GenreService(dataSource);
  const distributors = new DistributorService(dataSource);
  const resolution = new ResolutionService();
  const reviews = new ReviewService(dataSource);
  const schema = buildCatalogSchema(
    [
      new DeadLetterResolver(deps.events.bus),
      new BandResolver(bands),
      new LabelResolver(labels),
      new GenreResolver(genres),
      new DistributorResolver(distributors),
      new SearchResolver(new SearchService(dataSource), bands, labels),
      new ReviewResolver(reviews, bands, distributors),
    ],
    {
      Band: (reference, context) => bandLoader(context, bands).load(String(reference.id)),
      Label: (reference, context) => idLoader(context.loaders, LABEL_LOADER, (ids) => labels.findByIds(ids)).load(String(reference.id)),
      Genre: referenceById('genre.byId', (ids) => genres.findByIds(ids)),
      Distributor: referenceById('distributor.byId', (ids) => distributors.findByIds(ids)),
    },
  );
  return createSubgraphServer({
    name: 'catalog',
    deps,
    schema,
    consumers: [rawListingConsumer(resolution)],
    onStart: async () => {
      await distributors.announceAll();
    },
  });
}

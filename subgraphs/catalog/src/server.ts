import { DeadLetterResolver, createSubgraphServer, referenceById, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { BAND_LOADER } from './modules/band/band.loader.js';
import { BandResolver } from './modules/band/band.resolver.js';
import { BandService } from './modules/band/band.service.js';
import { DistributorResolver } from './modules/distributor/distributor.resolver.js';
import { DistributorService } from './modules/distributor/distributor.service.js';
import { buildCatalogSchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps): Subgraph {
  const { dataSource } = deps.db;
  const bands = new BandService(dataSource);
  const distributors = new DistributorService(dataSource);
  const schema = buildCatalogSchema([new DeadLetterResolver(deps.events.bus), new BandResolver(bands), new DistributorResolver(distributors)], {
    Band: referenceById(BAND_LOADER, (ids) => bands.findByIds(ids)),
    Distributor: referenceById('distributor.byId', (ids) => distributors.findByIds(ids)),
  });
  return createSubgraphServer({ name: 'catalog', deps, schema });
}

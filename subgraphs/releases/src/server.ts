import { DeadLetterResolver, createSubgraphServer, referenceById, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { BandReleasesResolver } from './modules/band/band.resolver.js';
import { OfferResolver } from './modules/offer/offer.resolver.js';
import { RELEASE_LOADER, ReleaseResolver } from './modules/release/release.resolver.js';
import { ReleaseService } from './modules/release/release.service.js';
import { buildReleasesSchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps): Subgraph {
  const releases = new ReleaseService(deps.db.dataSource);
  const schema = buildReleasesSchema([new DeadLetterResolver(deps.events.bus), new ReleaseResolver(releases), new BandReleasesResolver(releases), new OfferResolver()], {
    // No offers are stored yet: every reference resolves to null.
    Offer: () => null,
    Release: referenceById(RELEASE_LOADER, (ids) => releases.findByIds(ids)),
  });
  return createSubgraphServer({ name: 'releases', deps, schema });
}

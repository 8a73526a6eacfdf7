import { DeadLetterResolver, createSubgraphServer, referenceById, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { SOURCE_LOADER, SourceResolver } from './modules/source/source.resolver.js';
import { SourceService } from './modules/source/source.service.js';
import { buildRawDataSchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps): Subgraph {
  const sources = new SourceService(deps.db.dataSource);
  const schema = buildRawDataSchema([new DeadLetterResolver(deps.events.bus), new SourceResolver(sources)], {
    Source: referenceById(SOURCE_LOADER, (ids) => sources.findByIds(ids)),
  });
  return createSubgraphServer({ name: 'raw-data', deps, schema });
}

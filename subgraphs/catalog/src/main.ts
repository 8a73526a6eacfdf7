import { runSubgraph } from '@mrt/graphql-kit';
import { loadCatalogEnv } from './env.js';
import { catalogSubgraph } from './index.js';

await runSubgraph(catalogSubgraph, loadCatalogEnv());

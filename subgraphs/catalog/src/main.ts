import { runSubgraph } from '@mrt/graphql-kit';
import { processEnv } from '@mrt/platform';
import { catalogSubgraph } from './index.js';

await runSubgraph(catalogSubgraph, processEnv());

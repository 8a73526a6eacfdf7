import { runSubgraph } from '@mrt/graphql-kit';
import { processEnv } from '@mrt/platform';
import { rawDataSubgraph } from './index.js';

await runSubgraph(rawDataSubgraph, processEnv());

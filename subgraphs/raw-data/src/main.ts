import { runSubgraph } from '@mrt/graphql-kit';
import { loadRawDataEnv } from './env.js';
import { rawDataSubgraph } from './index.js';

await runSubgraph(rawDataSubgraph, loadRawDataEnv());

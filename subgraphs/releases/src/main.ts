import { runSubgraph } from '@mrt/graphql-kit';
import { processEnv } from '@mrt/platform';
import { releasesSubgraph } from './index.js';

await runSubgraph(releasesSubgraph, processEnv());

import { runSubgraph } from '@mrt/graphql-kit';
import { loadReleasesEnv } from './env.js';
import { releasesSubgraph } from './index.js';

await runSubgraph(releasesSubgraph, loadReleasesEnv());

import { runSubgraph } from '@mrt/graphql-kit';
import { processEnv } from '@mrt/platform';
import { usersSubgraph } from './index.js';

await runSubgraph(usersSubgraph, processEnv());

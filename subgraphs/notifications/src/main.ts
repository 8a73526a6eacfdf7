import { runSubgraph } from '@mrt/graphql-kit';
import { processEnv } from '@mrt/platform';
import { notificationsSubgraph } from './index.js';

await runSubgraph(notificationsSubgraph, processEnv());

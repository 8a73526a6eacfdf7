import { runSubgraph } from '@mrt/graphql-kit';
import { processEnv } from '@mrt/platform';
import { deliverySubgraph } from './index.js';

await runSubgraph(deliverySubgraph, processEnv());

import { runSubgraph } from '@mrt/graphql-kit';
import { loadDeliveryEnv } from './env.js';
import { deliverySubgraph } from './index.js';

await runSubgraph(deliverySubgraph, loadDeliveryEnv());

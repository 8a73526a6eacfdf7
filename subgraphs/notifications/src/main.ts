import { runSubgraph } from '@mrt/graphql-kit';
import { loadNotificationsEnv } from './env.js';
import { notificationsSubgraph } from './index.js';

await runSubgraph(notificationsSubgraph, loadNotificationsEnv());

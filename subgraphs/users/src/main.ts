import { runSubgraph } from '@mrt/graphql-kit';
import { loadUsersEnv } from './env.js';
import { usersSubgraph } from './index.js';

await runSubgraph(usersSubgraph, loadUsersEnv());

import type { SubgraphModule } from '@mrt/graphql-kit';
import { subgraphDescriptor } from '@mrt/platform';
import { usersEnvSchema, type UsersEnv } from './env.js';
import { usersEntities, usersMigrations } from './database.js';
import { buildUsersSchema } from './schema.js';
import { createSubgraph } from './server.js';

export const usersSubgraph: SubgraphModule<UsersEnv> = {
  ...subgraphDescriptor('users'),
  envSchema: usersEnvSchema,
  entities: usersEntities,
  migrations: usersMigrations,
  buildSchema: () => buildUsersSchema(),
  createSubgraph,
};

export { createSubgraph };

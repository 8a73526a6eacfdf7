import type { SubgraphModule } from '@mrt/graphql-kit';
import { usersEnvSchema, type UsersEnv } from './env.js';
import { USERS_DB_SCHEMA, usersEntities, usersMigrations } from './database.js';
import { buildUsersSchema } from './schema.js';
import { createSubgraph } from './server.js';

export const usersSubgraph: SubgraphModule<UsersEnv> = {
  name: 'users',
  dbSchema: USERS_DB_SCHEMA,
  envSchema: usersEnvSchema,
  defaultPort: 4001,
  entities: usersEntities,
  migrations: usersMigrations,
  buildSchema: () => buildUsersSchema(),
  createSubgraph,
};

export { createSubgraph };

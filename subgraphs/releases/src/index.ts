import type { SubgraphModule } from '@mrt/graphql-kit';
import { releasesEnvSchema, type ReleasesEnv } from './env.js';
import { RELEASES_DB_SCHEMA, releasesEntities, releasesMigrations } from './database.js';
import { buildReleasesSchema } from './schema.js';
import { seedReleasesDemo } from './seed.js';
import { createSubgraph } from './server.js';

export const releasesSubgraph: SubgraphModule<ReleasesEnv> = {
  name: 'releases',
  dbSchema: RELEASES_DB_SCHEMA,
  envSchema: releasesEnvSchema,
  defaultPort: 4004,
  entities: releasesEntities,
  migrations: releasesMigrations,
  buildSchema: () => buildReleasesSchema(),
  createSubgraph,
  seedDemo: seedReleasesDemo,
};

export { createSubgraph };

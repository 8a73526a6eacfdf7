import type { SubgraphModule } from '@mrt/graphql-kit';
import { subgraphDescriptor } from '@mrt/platform';
import { catalogEnvSchema, type CatalogEnv } from './env.js';
import { catalogEntities, catalogMigrations } from './database.js';
import { buildCatalogSchema } from './schema.js';
import { seedCatalogDemo } from './seed.js';
import { createSubgraph } from './server.js';

export const catalogSubgraph: SubgraphModule<CatalogEnv> = {
  ...subgraphDescriptor('catalog'),
  envSchema: catalogEnvSchema,
  entities: catalogEntities,
  migrations: catalogMigrations,
  buildSchema: () => buildCatalogSchema(),
  createSubgraph,
  seedDemo: seedCatalogDemo,
};

export { createSubgraph };
/** The name folding resolution matches and searches on (used by the search benchmark). */
export { foldName, slugify } from './resolution/normalize.js';

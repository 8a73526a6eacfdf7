import type { SubgraphModule } from '@mrt/graphql-kit';
import { catalogEnvSchema, type CatalogEnv } from './env.js';
import { CATALOG_DB_SCHEMA, catalogEntities, catalogMigrations } from './database.js';
import { buildCatalogSchema } from './schema.js';
import { seedCatalogDemo } from './seed.js';
import { createSubgraph } from './server.js';

export const catalogSubgraph: SubgraphModule<CatalogEnv> = {
  name: 'catalog',
  dbSchema: CATALOG_DB_SCHEMA,
  envSchema: catalogEnvSchema,
  defaultPort: 4003,
  entities: catalogEntities,
  migrations: catalogMigrations,
  buildSchema: () => buildCatalogSchema(),
  createSubgraph,
  seedDemo: seedCatalogDemo,
};

export { createSubgraph };
/** The name folding resolution matches and searches on (used by the search benchmark). */
export { foldName, slugify } from './resolution/normalize.js';

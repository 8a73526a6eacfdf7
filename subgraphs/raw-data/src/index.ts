import type { SubgraphModule } from '@mrt/graphql-kit';
import { subgraphDescriptor } from '@mrt/platform';
import { rawDataEnvSchema, type RawDataEnv } from './env.js';
import { rawDataEntities, rawDataMigrations } from './database.js';
import { buildRawDataSchema } from './schema.js';
import { createSubgraph } from './server.js';
import { seedRawDataDemo } from './seed.js';

// Layers, each imported one way only (layering.spec.ts keeps it so): the pipeline stages
// (fetching, parsing, capture, crawling) < modules/ (stores, services, GraphQL) < runs/ (orchestration)
// < server.ts, which wires them.
export const rawDataSubgraph: SubgraphModule<RawDataEnv> = {
  ...subgraphDescriptor('raw-data'),
  envSchema: rawDataEnvSchema,
  entities: rawDataEntities,
  migrations: rawDataMigrations,
  buildSchema: () => buildRawDataSchema(),
  createSubgraph,
  seedDemo: seedRawDataDemo,
};

export { createSubgraph };

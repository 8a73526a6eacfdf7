import type { SubgraphModule } from '@mrt/graphql-kit';
import { subgraphDescriptor } from '@mrt/platform';
import { rawDataEnvSchema, type RawDataEnv } from './env.js';
import { rawDataEntities, rawDataMigrations } from './database.js';
import { buildRawDataSchema } from './schema.js';
import { createSubgraph } from './server.js';
import { seedRawDataDemo } from './seed.js';

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

import type { SubgraphModule } from '@mrt/graphql-kit';
import { rawDataEnvSchema, type RawDataEnv } from './env.js';
import { RAW_DATA_DB_SCHEMA, rawDataEntities, rawDataMigrations } from './database.js';
import { buildRawDataSchema } from './schema.js';
import { createSubgraph } from './server.js';
import { seedRawDataDemo } from './seed.js';

export const rawDataSubgraph: SubgraphModule<RawDataEnv> = {
  name: 'raw-data',
  dbSchema: RAW_DATA_DB_SCHEMA,
  envSchema: rawDataEnvSchema,
  defaultPort: 4002,
  entities: rawDataEntities,
  migrations: rawDataMigrations,
  buildSchema: () => buildRawDataSchema(),
  createSubgraph,
  seedDemo: seedRawDataDemo,
};

export { createSubgraph };

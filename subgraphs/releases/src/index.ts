import type { SubgraphModule } from '@mrt/graphql-kit';
import { subgraphDescriptor } from '@mrt/platform';
import { releasesEnvSchema, type ReleasesEnv } from './env.js';
import { releasesEntities, releasesMigrations } from './database.js';
import { buildReleasesSchema } from './schema.js';
import { createSubgraph } from './server.js';

export const releasesSubgraph: SubgraphModule<ReleasesEnv> = {
  ...subgraphDescriptor('releases'),
  envSchema: releasesEnvSchema,
  entities: releasesEntities,
  migrations: releasesMigrations,
  buildSchema: () => buildReleasesSchema(),
  createSubgraph,
};

export { createSubgraph };
/** Rebuilds the delivered-price ranking of data loaded around the ingest (the releases benchmark seeds with SQL). */
export { DeliveredPriceStore } from './modules/delivered-price/delivered-price.store.js';

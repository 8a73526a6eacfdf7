import type { SubgraphModule } from '@mrt/graphql-kit';
import { subgraphDescriptor } from '@mrt/platform';
import { deliveryEnvSchema, type DeliveryEnv } from './env.js';
import { deliveryEntities, deliveryMigrations } from './database.js';
import { buildDeliverySchema } from './schema.js';
import { seedDeliveryDemo } from './seed.js';
import { createSubgraph } from './server.js';

export const deliverySubgraph: SubgraphModule<DeliveryEnv> = {
  ...subgraphDescriptor('delivery'),
  envSchema: deliveryEnvSchema,
  entities: deliveryEntities,
  migrations: deliveryMigrations,
  buildSchema: () => buildDeliverySchema(),
  createSubgraph,
  seedDemo: seedDeliveryDemo,
};

export { createSubgraph };

import type { SubgraphModule } from '@mrt/graphql-kit';
import { deliveryEnvSchema, type DeliveryEnv } from './env.js';
import { DELIVERY_DB_SCHEMA, deliveryEntities, deliveryMigrations } from './database.js';
import { buildDeliverySchema } from './schema.js';
import { seedDeliveryDemo } from './seed.js';
import { createSubgraph } from './server.js';

export const deliverySubgraph: SubgraphModule<DeliveryEnv> = {
  name: 'delivery',
  dbSchema: DELIVERY_DB_SCHEMA,
  envSchema: deliveryEnvSchema,
  defaultPort: 4006,
  entities: deliveryEntities,
  migrations: deliveryMigrations,
  buildSchema: () => buildDeliverySchema(),
  createSubgraph,
  seedDemo: seedDeliveryDemo,
};

export { createSubgraph };

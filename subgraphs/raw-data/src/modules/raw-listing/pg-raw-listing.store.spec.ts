import { openDatabase } from '@mrt/platform';
import { dropSchema, testEnv, uniqueName } from '@mrt/platform/testing';
import { rawDataEntities, rawDataMigrations } from '../../database.js';
import { PgRawListingStore } from './pg-raw-listing.store.js';
import { describeRawListingStoreContract } from './raw-listing.store.contract.js';

describeRawListingStoreContract('PostgreSQL', async () => {
  const { TEST_DATABASE_URL } = testEnv();
  const schema = uniqueName('it_raw_store');
  const db = await openDatabase({
    location: { kind: 'postgres', url: TEST_DATABASE_URL, poolSize: 2 },
    schema,
    entities: rawDataEntities,
    migrations: rawDataMigrations,
  });
  return {
    store: new PgRawListingStore(db.dataSource),
    dispose: async () => {
      await db.close();
      await dropSchema(TEST_DATABASE_URL, schema);
    },
  };
});

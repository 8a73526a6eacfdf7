import { describe } from 'vitest';
import { uniqueName } from '@mrt/platform/testing';
import { MongoRawListingStore } from './mongo-raw-listing.store.js';
import { describeRawListingStoreContract } from './raw-listing.store.contract.js';

// MongoDB cannot run on every machine: this run happens where MONGODB_URL points at one.
const mongoUrl = process.env.MONGODB_URL;

describe.runIf(mongoUrl !== undefined && mongoUrl !== '')('MongoDB', () => {
  describeRawListingStoreContract('MongoDB', async () => {
    const store = await MongoRawListingStore.connect({ url: mongoUrl!, collection: uniqueName('raw_listings_it') });
    return {
      store,
      dispose: async () => {
        await store.drop();
        await store.close();
      },
    };
  });
});

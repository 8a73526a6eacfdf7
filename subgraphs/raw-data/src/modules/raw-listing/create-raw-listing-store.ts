import type { DataSource } from 'typeorm';
import type { CapturedItem } from '../../capture/captured-item.js';
import { MongoRawListingStore } from './mongo-raw-listing.store.js';
import { PgRawListingStore } from './pg-raw-listing.store.js';
import type { CaptureOutcome, RawListingPage, RawListingStore, StoredRawListing } from './raw-listing.store.js';

export interface ConfiguredRawListingStore {
  /** Usable once `open()` resolved; the services are wired before the subgraph starts. */
  lazy: RawListingStore;
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * MongoDB when MONGODB_URL is set, PostgreSQL JSONB otherwise. Connecting to MongoDB is
 * asynchronous while wiring is not, so services get a stand-in that forwards to the store
 * opened when the subgraph starts.
 */
export function createRawListingStore(env: { MONGODB_URL?: string | undefined }, dataSource: DataSource): ConfiguredRawListingStore {
  let store: RawListingStore | undefined = env.MONGODB_URL ? undefined : new PgRawListingStore(dataSource);
  const ready = (): RawListingStore => {
    if (!store) throw new Error('the raw listing store is not open yet');
    return store;
  };
  const lazy: RawListingStore = {
    get backend() {
      return env.MONGODB_URL ? 'mongodb' : 'postgres';
    },
    classify: (sourceId: string, items: readonly CapturedItem[]): Promise<Map<string, CaptureOutcome>> => ready().classify(sourceId, items),
    save: (sourceId: string, items: readonly CapturedItem[], seenAt: Date) => ready().save(sourceId, items, seenAt),
    touch: (sourceId: string, ids: readonly string[], seenAt: Date) => ready().touch(sourceId, ids, seenAt),
    findUnseenSince: (sourceId: string, since: Date): Promise<StoredRawListing[]> => ready().findUnseenSince(sourceId, since),
    markRemoved: (sourceId: string, ids: readonly string[], removedAt: Date) => ready().markRemoved(sourceId, ids, removedAt),
    countActive: (sourceId: string) => ready().countActive(sourceId),
    get: (sourceId: string, externalId: string) => ready().get(sourceId, externalId),
    list: (sourceId: string, page: { first: number; after?: string | null }): Promise<RawListingPage> => ready().list(sourceId, page),
    close: () => ready().close(),
  };
  return {
    lazy,
    open: async () => {
      if (!store && env.MONGODB_URL) store = await MongoRawListingStore.connect({ url: env.MONGODB_URL });
    },
    close: async () => {
      await store?.close();
      if (env.MONGODB_URL) store = undefined;
    },
  };
}

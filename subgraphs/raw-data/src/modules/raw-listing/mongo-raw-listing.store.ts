import { MongoClient, type Collection, type Db } from 'mongodb';
import type { CapturedItem } from '../../capture/captured-item.js';
import { outcomeOf, type CaptureOutcome, type RawListingPage, type RawListingStore, type StoredRawListing } from './raw-listing.store.js';

interface RawListingDocument {
  sourceId: string;
  externalId: string;
  kind: StoredRawListing['kind'];
  url: string;
  payload: unknown;
  normalized: Record<string, unknown>;
  contentHash: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  removedAt: Date | null;
}

export interface MongoRawListingStoreOptions {
  url: string;
  /** Default: the database named in the URL, else "raw_data". */
  database?: string;
  collection?: string;
}

const BATCH = 1000;

function fromDocument(document: RawListingDocument): StoredRawListing {
  return {
    sourceId: document.sourceId,
    externalId: document.externalId,
    kind: document.kind,
    url: document.url,
    payload: document.payload,
    normalized: document.normalized,
    contentHash: document.contentHash,
    firstSeenAt: document.firstSeenAt,
    lastSeenAt: document.lastSeenAt,
    removedAt: document.removedAt ?? null,
  };
}

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) result.push(items.slice(i, i + BATCH));
  return result;
}

/** Raw listings in MongoDB through the official driver, one document per (source, externalId). */
export class MongoRawListingStore implements RawListingStore {
  readonly backend = 'mongodb';

  private constructor(
    private readonly client: MongoClient,
    private readonly listings: Collection<RawListingDocument>,
  ) {}

  static async connect(options: MongoRawListingStoreOptions): Promise<MongoRawListingStore> {
    const client = new MongoClient(options.url, { appName: 'metal-release-tracker-raw-data' });
    await client.connect();
    const db: Db = client.db(options.database ?? (new URL(options.url).pathname.slice(1) || 'raw_data'));
    const listings = db.collection<RawListingDocument>(options.collection ?? 'raw_listings');
    await listings.createIndexes([
      { key: { sourceId: 1, externalId: 1 }, unique: true, name: 'source_external_id' },
      { key: { sourceId: 1, removedAt: 1, lastSeenAt: 1 }, name: 'active_by_last_seen' },
    ]);
    return new MongoRawListingStore(client, listings);
  }

  async classify(sourceId: string, items: readonly CapturedItem[]): Promise<Map<string, CaptureOutcome>> {
    const stored = new Map<string, { hash: string; removed: boolean }>();
    for (const batch of batches(items)) {
      const cursor = this.listings.find(
        { sourceId, externalId: { $in: batch.map((item) => item.externalId) } },
        { projection: { externalId: 1, contentHash: 1, removedAt: 1 } },
      );
      for await (const doc of cursor) stored.set(doc.externalId, { hash: doc.contentHash, removed: doc.removedAt != null });
    }
    return new Map(items.map((item) => [item.externalId, outcomeOf(item, stored.get(item.externalId))]));
  }

  async save(sourceId: string, items: readonly CapturedItem[], seenAt: Date): Promise<void> {
    for (const batch of batches(items)) {
      await this.listings.bulkWrite(
        batch.map((item) => ({
          updateOne: {
            filter: { sourceId, externalId: item.externalId },
            update: {
              $set: {
                kind: item.kind,
                url: item.url,
                payload: item.payload ?? null,
                normalized: item.normalized,
                contentHash: item.contentHash,
                removedAt: null,
              },
              $max: { lastSeenAt: seenAt },
              $setOnInsert: { firstSeenAt: seenAt },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    }
  }

  async touch(sourceId: string, externalIds: readonly string[], seenAt: Date): Promise<void> {
    for (const batch of batches(externalIds)) {
      await this.listings.updateMany({ sourceId, externalId: { $in: batch }, removedAt: null }, { $max: { lastSeenAt: seenAt } });
    }
  }

  async findUnseenSince(sourceId: string, since: Date): Promise<StoredRawListing[]> {
    const docs = await this.listings
      .find({ sourceId, removedAt: null, lastSeenAt: { $lt: since } })
      .sort({ externalId: 1 })
      .toArray();
    return docs.map(fromDocument);
  }

  async markRemoved(sourceId: string, externalIds: readonly string[], removedAt: Date): Promise<void> {
    for (const batch of batches(externalIds)) {
      await this.listings.updateMany({ sourceId, externalId: { $in: batch }, removedAt: null }, { $set: { removedAt } });
    }
  }

  countActive(sourceId: string): Promise<number> {
    return this.listings.countDocuments({ sourceId, removedAt: null });
  }

  async get(sourceId: string, externalId: string): Promise<StoredRawListing | null> {
    const doc = await this.listings.findOne({ sourceId, externalId });
    return doc ? fromDocument(doc) : null;
  }

  async list(sourceId: string, page: { first: number; after?: string | null }): Promise<RawListingPage> {
    const filter = page.after ? { sourceId, externalId: { $gt: page.after } } : { sourceId };
    const docs = await this.listings.find(filter).sort({ externalId: 1 }).limit(page.first + 1).toArray();
    return { items: docs.slice(0, page.first).map(fromDocument), hasNextPage: docs.length > page.first };
  }

  /** Test support: drops this store's collection. */
  async drop(): Promise<void> {
    await this.listings.drop().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

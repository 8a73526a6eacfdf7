import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf, type Format, type Money, type StockStatus } from '@mrt/events';
import { findByIds, selectEntities } from '@mrt/graphql-kit';
import { OfferEntity } from './offer.entity.js';

/** What a listing says about its offer: written on creation and on every change. */
export interface OfferListing {
  releaseId: string;
  identity: string;
  sourceId: string;
  externalId: string;
  sku: string | null;
  url: string;
  format: Format;
  variant: string | null;
  price: Money | null;
  stock: StockStatus;
  contentHash: string;
  /** When the listing was captured: first/last seen. */
  capturedAt: string;
}

/** An offer as ingest compares it with a listing. */
export interface StoredOffer {
  id: string;
  releaseId: string;
  distributorId: string;
  identity: string;
  sourceId: string;
  externalId: string;
  sku: string | null;
  url: string;
  format: Format;
  variant: string | null;
  price: Money | null;
  stock: StockStatus;
  contentHash: string;
  removedAt: Date | null;
}

interface OfferRow {
  id: string;
  release_id: string;
  distributor_id: string;
  identity: string;
  source_id: string;
  external_id: string;
  sku: string | null;
  url: string;
  format: Format;
  variant: string | null;
  price_amount: string | null;
  price_currency: string | null;
  stock: StockStatus;
  content_hash: string;
  removed_at: Date | null;
}

/**
 * The only place with SQL for the offer table. Runs on the DataSource, or on the transaction's
 * manager when given one; the lock* reads lock the rows they return until it commits.
 */
export class OfferStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  findByIds(ids: readonly string[]): Promise<OfferEntity[]> {
    return findByIds(this.db.getRepository(OfferEntity), ids);
  }

  /**
   * Live offers of many releases in one statement, by release, cheapest amount first (unpriced
   * last). Plain SQL: every release list of a page runs it, and TypeORM's query building and
   * hydration cost more than the statement itself.
   */
  liveForReleases(releaseIds: readonly string[], filter: { stock?: StockStatus[] | null; formats?: Format[] | null }): Promise<OfferEntity[]> {
    if (releaseIds.length === 0) return Promise.resolve([]);
    const params: unknown[] = [releaseIds];
    const where = ['release_id = ANY($1::uuid[])', 'removed_at IS NULL'];
    if (filter.stock?.length) where.push(`stock = ANY($${params.push(filter.stock)}::text[])`);
    if (filter.formats?.length) where.push(`format = ANY($${params.push(filter.formats)}::text[])`);
    return selectEntities(this.db, OfferEntity, `WHERE ${where.join(' AND ')} ORDER BY release_id, price_amount ASC NULLS LAST, id`, params);
  }

  /** Every offer of these releases, removed ones too, first seen first. */
  allOfReleases(releaseIds: readonly string[]): Promise<OfferEntity[]> {
    return this.db.getRepository(OfferEntity).createQueryBuilder('o').where('o.release_id = ANY(:ids)', { ids: releaseIds }).orderBy('o.first_seen_at').addOrderBy('o.id').getMany();
  }

  /**
   * Every offer a batch of listings may be: by shop and identity, or by raw listing key in the
   * shop (removed ones too), locked in id order until the transaction commits.
   */
  async lockForListings(listings: readonly { distributorId: string; identity: string; sourceId: string; externalId: string }[]): Promise<StoredOffer[]> {
    if (listings.length === 0) return [];
    const column = (pick: (listing: (typeof listings)[number]) => string) => listings.map(pick);
    const rows = rowsOf<OfferRow>(
      await this.db.query(
        `SELECT * FROM offer WHERE id IN (
           SELECT o.id FROM offer o JOIN unnest($1::uuid[], $2::text[]) AS k(distributor_id, identity) ON o.distributor_id = k.distributor_id AND o.identity = k.identity
           UNION
           SELECT o.id FROM offer o JOIN unnest($3::uuid[], $4::text[], $1::uuid[]) AS k(source_id, external_id, distributor_id)
             ON o.source_id = k.source_id AND o.external_id = k.external_id AND o.distributor_id = k.distributor_id
         ) ORDER BY id FOR UPDATE`,
        [column((l) => l.distributorId), column((l) => l.identity), column((l) => l.sourceId), column((l) => l.externalId)],
      ),
    );
    return rows.map(toStored);
  }

  async lockLiveByListingKey(sourceId: string, externalId: string): Promise<StoredOffer[]> {
    return rowsOf<OfferRow>(await this.db.query(`SELECT * FROM offer WHERE source_id = $1 AND external_id = $2 AND removed_at IS NULL FOR UPDATE`, [sourceId, externalId])).map(toStored);
  }

  async lockLiveByIdentity(distributorId: string, identity: string): Promise<StoredOffer[]> {
    return rowsOf<OfferRow>(await this.db.query(`SELECT * FROM offer WHERE distributor_id = $1 AND identity = $2 AND removed_at IS NULL FOR UPDATE`, [distributorId, identity])).map(
      toStored,
    );
  }

  /** New offers, in one statement. */
  async insertAll(offers: readonly OfferWrite[]): Promise<void> {
    if (offers.length === 0) return;
    await this.db.query(
      `INSERT INTO offer (id, release_id, distributor_id, identity, source_id, external_id, sku, url, format, variant, price_amount, price_currency, stock,
                          content_hash, first_seen_at, last_seen_at)
       SELECT id, release_id, distributor_id, identity, source_id, external_id, sku, url, format, variant, price_amount, price_currency, stock,
              content_hash, first_seen_at, last_seen_at
       FROM ${UNNEST_WRITES}`,
      writeColumns(offers),
    );
  }

  /**
   * Offers as their latest listing has them, live again if they were removed, in one statement.
   * The sighting only moves forward.
   */
  async updateAll(offers: readonly OfferWrite[]): Promise<void> {
    if (offers.length === 0) return;
    await this.db.query(
      `UPDATE offer o SET release_id = w.release_id, identity = w.identity, source_id = w.source_id, external_id = w.external_id, sku = w.sku, url = w.url,
              format = w.format, variant = w.variant, price_amount = w.price_amount, price_currency = w.price_currency, stock = w.stock,
              content_hash = w.content_hash, last_seen_at = greatest(o.last_seen_at, w.last_seen_at), removed_at = NULL
       FROM ${UNNEST_WRITES}
       WHERE o.id = w.id`,
      writeColumns(offers),
    );
  }

  async markRemoved(ids: readonly string[], at: string): Promise<void> {
    await this.db.query(`UPDATE offer SET removed_at = $2 WHERE id = ANY($1::uuid[])`, [ids, at]);
  }

  async moveToRelease(fromReleaseId: string, toReleaseId: string): Promise<void> {
    await this.db.query(`UPDATE offer SET release_id = $2 WHERE release_id = $1`, [fromReleaseId, toReleaseId]);
  }
}

/** An offer as a batch writes it: what its latest listing says, and when it was first and last seen. */
export interface OfferWrite extends Omit<OfferListing, 'capturedAt'> {
  id: string;
  distributorId: string;
  firstSeenAt: string | null;
  lastSeenAt: string;
}

const UNNEST_WRITES = `unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                               $11::numeric[], $12::text[], $13::text[], $14::text[], $15::timestamptz[], $16::timestamptz[])
         AS w(id, release_id, distributor_id, identity, source_id, external_id, sku, url, format, variant, price_amount, price_currency, stock,
              content_hash, first_seen_at, last_seen_at)`;

/** The parameters of UNNEST_WRITES. */
function writeColumns(offers: readonly OfferWrite[]): unknown[][] {
  const column = (pick: (offer: OfferWrite) => unknown) => offers.map(pick);
  return [
    column((o) => o.id),
    column((o) => o.releaseId),
    column((o) => o.distributorId),
    column((o) => o.identity),
    column((o) => o.sourceId),
    column((o) => o.externalId),
    column((o) => o.sku),
    column((o) => o.url),
    column((o) => o.format),
    column((o) => o.variant),
    column((o) => o.price?.amount ?? null),
    column((o) => o.price?.currency ?? null),
    column((o) => o.stock),
    column((o) => o.contentHash),
    column((o) => o.firstSeenAt),
    column((o) => o.lastSeenAt),
  ];
}

function toStored(row: OfferRow): StoredOffer {
  return {
    id: row.id,
    releaseId: row.release_id,
    distributorId: row.distributor_id,
    identity: row.identity,
    sourceId: row.source_id,
    externalId: row.external_id,
    sku: row.sku,
    url: row.url,
    format: row.format,
    variant: row.variant,
    price: row.price_amount !== null && row.price_currency !== null ? { amount: row.price_amount, currency: row.price_currency } : null,
    stock: row.stock,
    contentHash: row.content_hash,
    removedAt: row.removed_at,
  };
}

import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf, type Format, type Money, type StockStatus } from '@mrt/events';
import { findByIds } from '@mrt/graphql-kit';
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
  format: Format;
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
  format: Format;
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

  /** Live offers of many releases in one statement, by release, cheapest amount first (unpriced last). */
  liveForReleases(releaseIds: readonly string[], filter: { stock?: StockStatus[] | null; formats?: Format[] | null }): Promise<OfferEntity[]> {
    const query = this.db
      .getRepository(OfferEntity)
      .createQueryBuilder('o')
      .where('o.release_id = ANY(:releaseIds)', { releaseIds })
      .andWhere('o.removed_at IS NULL')
      .orderBy('o.release_id')
      .addOrderBy('o.price_amount', 'ASC', 'NULLS LAST')
      .addOrderBy('o.id');
    if (filter.stock?.length) query.andWhere('o.stock IN (:...stock)', { stock: filter.stock });
    if (filter.formats?.length) query.andWhere('o.format IN (:...formats)', { formats: filter.formats });
    return query.getMany();
  }

  /** Every offer of these releases, removed ones too, first seen first. */
  allOfReleases(releaseIds: readonly string[]): Promise<OfferEntity[]> {
    return this.db.getRepository(OfferEntity).createQueryBuilder('o').where('o.release_id = ANY(:ids)', { ids: releaseIds }).orderBy('o.first_seen_at').addOrderBy('o.id').getMany();
  }

  async lockByIdentity(distributorId: string, identity: string): Promise<StoredOffer | null> {
    return first(await this.db.query(`SELECT * FROM offer WHERE distributor_id = $1 AND identity = $2 FOR UPDATE`, [distributorId, identity]));
  }

  /** By the raw listing key: the latest (a live one before removed ones) of that shop. */
  async lockByListingKey(sourceId: string, externalId: string, distributorId: string): Promise<StoredOffer | null> {
    return first(
      await this.db.query(
        `SELECT * FROM offer WHERE source_id = $1 AND external_id = $2 AND distributor_id = $3 ORDER BY removed_at DESC NULLS FIRST LIMIT 1 FOR UPDATE`,
        [sourceId, externalId, distributorId],
      ),
    );
  }

  async lockLiveByListingKey(sourceId: string, externalId: string): Promise<StoredOffer[]> {
    return rowsOf<OfferRow>(await this.db.query(`SELECT * FROM offer WHERE source_id = $1 AND external_id = $2 AND removed_at IS NULL FOR UPDATE`, [sourceId, externalId])).map(toStored);
  }

  async lockLiveByIdentity(distributorId: string, identity: string): Promise<StoredOffer[]> {
    return rowsOf<OfferRow>(await this.db.query(`SELECT * FROM offer WHERE distributor_id = $1 AND identity = $2 AND removed_at IS NULL FOR UPDATE`, [distributorId, identity])).map(
      toStored,
    );
  }

  /** A new offer of `distributorId`; returns its id. */
  async insert(distributorId: string, listing: OfferListing): Promise<string> {
    const [created] = rowsOf<{ id: string }>(
      await this.db.query(
        `INSERT INTO offer (release_id, distributor_id, identity, source_id, external_id, sku, url, format, variant, price_amount, price_currency, stock,
                            content_hash, first_seen_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::numeric, $11, $12, $13, $14, $14) RETURNING id`,
        [listing.releaseId, distributorId, ...listingValues(listing)],
      ),
    );
    return created!.id;
  }

  /** Everything the listing says, live again if it was removed. */
  async update(id: string, listing: OfferListing): Promise<void> {
    await this.db.query(
      `UPDATE offer SET release_id = $2, identity = $3, source_id = $4, external_id = $5, sku = $6, url = $7, format = $8, variant = $9,
              price_amount = $10::numeric, price_currency = $11, stock = $12, content_hash = $13, last_seen_at = greatest(last_seen_at, $14), removed_at = NULL
       WHERE id = $1`,
      [id, listing.releaseId, ...listingValues(listing)],
    );
  }

  /** A run found it unchanged: only the sighting moves. */
  async seen(id: string, at: string): Promise<void> {
    await this.db.query(`UPDATE offer SET last_seen_at = greatest(last_seen_at, $2) WHERE id = $1`, [id, at]);
  }

  async markRemoved(ids: readonly string[], at: string): Promise<void> {
    await this.db.query(`UPDATE offer SET removed_at = $2 WHERE id = ANY($1::uuid[])`, [ids, at]);
  }

  async moveToRelease(fromReleaseId: string, toReleaseId: string): Promise<void> {
    await this.db.query(`UPDATE offer SET release_id = $2 WHERE release_id = $1`, [fromReleaseId, toReleaseId]);
  }
}

/** $3.. of insert and update, in their column order. */
function listingValues(listing: OfferListing): unknown[] {
  return [
    listing.identity,
    listing.sourceId,
    listing.externalId,
    listing.sku,
    listing.url,
    listing.format,
    listing.variant,
    listing.price?.amount ?? null,
    listing.price?.currency ?? null,
    listing.stock,
    listing.contentHash,
    listing.capturedAt,
  ];
}

function first(result: unknown): StoredOffer | null {
  const [row] = rowsOf<OfferRow>(result);
  return row ? toStored(row) : null;
}

function toStored(row: OfferRow): StoredOffer {
  return {
    id: row.id,
    releaseId: row.release_id,
    distributorId: row.distributor_id,
    identity: row.identity,
    format: row.format,
    price: row.price_amount !== null && row.price_currency !== null ? { amount: row.price_amount, currency: row.price_currency } : null,
    stock: row.stock,
    contentHash: row.content_hash,
    removedAt: row.removed_at,
  };
}

import type { DataSource } from 'typeorm';
import type { CapturedItem } from '../../capture/captured-item.js';
import { outcomeOf, type CaptureOutcome, type RawListingPage, type RawListingStore, type StoredRawListing } from './raw-listing.store.js';

interface RawListingRow {
  source_id: string;
  external_id: string;
  kind: StoredRawListing['kind'];
  url: string;
  payload: unknown;
  normalized: Record<string, unknown>;
  content_hash: string;
  first_seen_at: Date | string;
  last_seen_at: Date | string;
  removed_at: Date | string | null;
}

// Keeps one statement's bind parameters far below PostgreSQL's 65535.
const ROWS_PER_STATEMENT = 500;

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

function fromRow(row: RawListingRow): StoredRawListing {
  return {
    sourceId: row.source_id,
    externalId: row.external_id,
    kind: row.kind,
    url: row.url,
    payload: row.payload,
    normalized: row.normalized,
    contentHash: row.content_hash,
    firstSeenAt: toDate(row.first_seen_at),
    lastSeenAt: toDate(row.last_seen_at),
    removedAt: row.removed_at === null ? null : toDate(row.removed_at),
  };
}

function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Raw listings as JSONB rows in the raw-data schema (the default store). */
export class PgRawListingStore implements RawListingStore {
  readonly backend = 'postgres';

  constructor(private readonly dataSource: DataSource) {}

  async classify(sourceId: string, items: readonly CapturedItem[]): Promise<Map<string, CaptureOutcome>> {
    const stored = new Map<string, { hash: string; removed: boolean }>();
    for (const chunk of chunks(items)) {
      const rows: { external_id: string; content_hash: string; removed: boolean }[] = await this.dataSource.query(
        `SELECT external_id, content_hash, removed_at IS NOT NULL AS removed
           FROM raw_listing WHERE source_id = $1 AND external_id = ANY($2::text[])`,
        [sourceId, chunk.map((item) => item.externalId)],
      );
      rows.forEach((row) => stored.set(row.external_id, { hash: row.content_hash, removed: row.removed }));
    }
    return new Map(items.map((item) => [item.externalId, outcomeOf(item, stored.get(item.externalId))]));
  }

  async save(sourceId: string, items: readonly CapturedItem[], seenAt: Date): Promise<void> {
    for (const chunk of chunks(items)) {
      await this.dataSource.query(
        `INSERT INTO raw_listing AS r (source_id, external_id, kind, url, payload, normalized, content_hash, first_seen_at, last_seen_at, removed_at)
         SELECT $1, i.external_id, i.kind, i.url, i.payload, i.normalized, i.content_hash, $2, $2, NULL
           FROM jsonb_to_recordset($3::jsonb) AS i(external_id text, kind text, url text, payload jsonb, normalized jsonb, content_hash text)
         ON CONFLICT (source_id, external_id) DO UPDATE SET
           kind = EXCLUDED.kind, url = EXCLUDED.url, payload = EXCLUDED.payload, normalized = EXCLUDED.normalized,
           content_hash = EXCLUDED.content_hash, last_seen_at = GREATEST(r.last_seen_at, EXCLUDED.last_seen_at), removed_at = NULL`,
        [
          sourceId,
          seenAt,
          JSON.stringify(
            chunk.map((item) => ({
              external_id: item.externalId,
              kind: item.kind,
              url: item.url,
              // A bare string payload (an HTML fragment) is still valid JSONB as a JSON string.
              payload: item.payload ?? null,
              normalized: item.normalized,
              content_hash: item.contentHash,
            })),
          ),
        ],
      );
    }
  }

  async touch(sourceId: string, externalIds: readonly string[], seenAt: Date): Promise<void> {
    for (const chunk of chunks(externalIds)) {
      await this.dataSource.query(
        `UPDATE raw_listing SET last_seen_at = GREATEST(last_seen_at, $3)
          WHERE source_id = $1 AND external_id = ANY($2::text[]) AND removed_at IS NULL`,
        [sourceId, chunk, seenAt],
      );
    }
  }

  async findUnseenSince(sourceId: string, since: Date): Promise<StoredRawListing[]> {
    const rows: RawListingRow[] = await this.dataSource.query(
      `SELECT * FROM raw_listing WHERE source_id = $1 AND removed_at IS NULL AND last_seen_at < $2 ORDER BY external_id`,
      [sourceId, since],
    );
    return rows.map(fromRow);
  }

  async markRemoved(sourceId: string, externalIds: readonly string[], removedAt: Date): Promise<void> {
    for (const chunk of chunks(externalIds)) {
      await this.dataSource.query(
        `UPDATE raw_listing SET removed_at = $3 WHERE source_id = $1 AND external_id = ANY($2::text[]) AND removed_at IS NULL`,
        [sourceId, chunk, removedAt],
      );
    }
  }

  async countActive(sourceId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM raw_listing WHERE source_id = $1 AND removed_at IS NULL`,
      [sourceId],
    )) as { count: number }[];
    return Number(row?.count ?? 0);
  }

  async get(sourceId: string, externalId: string): Promise<StoredRawListing | null> {
    const rows: RawListingRow[] = await this.dataSource.query(
      `SELECT * FROM raw_listing WHERE source_id = $1 AND external_id = $2`,
      [sourceId, externalId],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async list(sourceId: string, page: { first: number; after?: string | null }): Promise<RawListingPage> {
    const rows: RawListingRow[] = await this.dataSource.query(
      `SELECT * FROM raw_listing WHERE source_id = $1 AND ($2::text IS NULL OR external_id COLLATE "C" > $2)
        ORDER BY external_id COLLATE "C" LIMIT $3`,
      [sourceId, page.after ?? null, page.first + 1],
    );
    return { items: rows.slice(0, page.first).map(fromRow), hasNextPage: rows.length > page.first };
  }

  async close(): Promise<void> {
    // The DataSource belongs to the subgraph.
  }
}

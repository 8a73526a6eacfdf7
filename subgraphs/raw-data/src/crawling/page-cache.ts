import type { DataSource } from 'typeorm';

/** What a page held when last fetched, with the validators to ask whether it changed. */
export interface CachedPage {
  etag: string | null;
  lastModified: string | null;
  externalIds: string[];
  links: string[];
  nextPage: string | null;
}

interface CachedPageRow {
  etag: string | null;
  last_modified: string | null;
  external_ids: string[];
  links: string[];
  next_page: string | null;
}

/**
 * Conditional GET needs more than the validators: a 304 has no body, so the run must still know
 * which listings the page holds (they count as seen) and where it leads (links, next page).
 */
export class PageCache {
  constructor(private readonly dataSource: DataSource) {}

  async get(sourceId: string, url: string): Promise<CachedPage | null> {
    const rows: CachedPageRow[] = await this.dataSource.query(
      `SELECT etag, last_modified, external_ids, links, next_page FROM fetched_page WHERE source_id = $1 AND url = $2`,
      [sourceId, url],
    );
    const row = rows[0];
    if (!row) return null;
    return { etag: row.etag, lastModified: row.last_modified, externalIds: row.external_ids, links: row.links, nextPage: row.next_page };
  }

  async put(sourceId: string, url: string, page: CachedPage, fetchedAt: Date): Promise<void> {
    // Without a validator the server cannot answer 304, so there is nothing worth remembering.
    if (page.etag === null && page.lastModified === null) {
      await this.dataSource.query(`DELETE FROM fetched_page WHERE source_id = $1 AND url = $2`, [sourceId, url]);
      return;
    }
    await this.dataSource.query(
      `INSERT INTO fetched_page (source_id, url, etag, last_modified, external_ids, links, next_page, fetched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (source_id, url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
         external_ids = EXCLUDED.external_ids, links = EXCLUDED.links, next_page = EXCLUDED.next_page, fetched_at = EXCLUDED.fetched_at`,
      [sourceId, url, page.etag, page.lastModified, page.externalIds, page.links, page.nextPage, fetchedAt],
    );
  }

  /** A page whose listings were not all stored must not answer 304 next time and hide them. */
  async forget(sourceId: string, url: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM fetched_page WHERE source_id = $1 AND url = $2`, [sourceId, url]);
  }
}

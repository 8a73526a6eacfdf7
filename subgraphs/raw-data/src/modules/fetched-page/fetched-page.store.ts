import type { DataSource } from 'typeorm';
import type { CachedPage, PageCacheReader } from '../../crawling/page-cache.js';

interface CachedPageRow {
  etag: string | null;
  last_modified: string | null;
  external_ids: string[];
  links: string[];
  next_page: string | null;
}

/** The only place with SQL for the fetched_page table: the runs' page cache for conditional GET. */
export class FetchedPageStore implements PageCacheReader {
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
      await this.forget(sourceId, url);
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

  async forget(sourceId: string, url: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM fetched_page WHERE source_id = $1 AND url = $2`, [sourceId, url]);
  }
}

import type { DataSource } from 'typeorm';
import { pageSize } from '@mrt/graphql-kit';
import { foldName } from '../../resolution/normalize.js';
import { escapeLike } from '../band/band.service.js';
import type { CatalogHitKindValue } from './search.type.js';

export interface SearchHit {
  kind: CatalogHitKindValue;
  id: string;
  name: string;
  slug: string;
  score: number;
}

/** Below this many characters a trigram says little, and matches half the table. */
const FUZZY_MIN_LENGTH = 3;

export class SearchService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Autocomplete over bands and labels on the folded names (case, diacritics, punctuation and a
   * leading "The" ignored). Prefix matches come first (btree text_pattern_ops, cheap); only when
   * they do not fill the page are trigram word-similarity matches (GIN, forgives typos) added
   * after them. Prefix matches always outrank fuzzy ones, so skipping the costly trigram scan
   * when the page is full changes no result. Within each group: exact name, closer, shorter.
   */
  async search(query: string, first?: number | null): Promise<SearchHit[]> {
    const folded = foldName(query);
    if (!folded) return [];
    const limit = pageSize(first, { default: 10, max: 50 });
    const prefix = `${escapeLike(folded)}%`;
    const prefixHits = await this.ranked(
      `(SELECT 'BAND' AS kind, id, name, slug, name_folded FROM band WHERE name_folded LIKE $2 ORDER BY name_folded LIMIT $3)
       UNION ALL
       (SELECT 'LABEL', id, name, slug, name_folded FROM label WHERE name_folded LIKE $2 ORDER BY name_folded LIMIT $3)`,
      folded,
      prefix,
      limit,
    );
    if (prefixHits.length >= limit || folded.length < FUZZY_MIN_LENGTH) return prefixHits;
    const fuzzyHits = await this.ranked(
      `(SELECT 'BAND' AS kind, id, name, slug, name_folded FROM band
         WHERE $1 <% name_folded AND name_folded NOT LIKE $2 ORDER BY word_similarity($1, name_folded) DESC, name_folded LIMIT $3)
       UNION ALL
       (SELECT 'LABEL', id, name, slug, name_folded FROM label
         WHERE $1 <% name_folded AND name_folded NOT LIKE $2 ORDER BY word_similarity($1, name_folded) DESC, name_folded LIMIT $3)`,
      folded,
      prefix,
      limit,
    );
    return [...prefixHits, ...fuzzyHits].slice(0, limit);
  }

  private async ranked(candidates: string, folded: string, prefix: string, limit: number): Promise<SearchHit[]> {
    const rows: SearchHit[] = await this.dataSource.query(
      `SELECT kind, id, name, slug,
              CASE WHEN name_folded LIKE $2 THEN 1 ELSE word_similarity($1, name_folded) END::float8 AS score
         FROM (${candidates}) c
        ORDER BY name_folded = $1 DESC, word_similarity($1, name_folded) DESC, similarity($1, name_folded) DESC,
                 length(name_folded), name_folded, kind, id
        LIMIT $3`,
      [folded, prefix, limit],
    );
    return rows.map((row) => ({ ...row, score: Number(row.score) }));
  }
}

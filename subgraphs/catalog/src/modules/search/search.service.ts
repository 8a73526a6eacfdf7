import type { DataSource, EntityManager } from 'typeorm';
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

/**
 * How much of the query's trigrams a name must contain (pg_trgm word similarity). A typo
 * breaks about three trigrams, so short input keeps pg_trgm's default 0.6 and longer input,
 * where three trigrams are a smaller share, asks for more.
 */
export function wordSimilarityThreshold(folded: string): number {
  if (folded.length < 12) return 0.6;
  return folded.length < 20 ? 0.65 : 0.7;
}

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
      this.dataSource.manager,
      `(SELECT 'BAND' AS kind, id, name, slug, name_folded FROM band WHERE name_folded LIKE $2 ORDER BY name_folded LIMIT $3)
       UNION ALL
       (SELECT 'LABEL', id, name, slug, name_folded FROM label WHERE name_folded LIKE $2 ORDER BY name_folded LIMIT $3)`,
      folded,
      prefix,
      limit,
    );
    if (prefixHits.length >= limit || folded.length < FUZZY_MIN_LENGTH) return prefixHits;
    const fuzzyHits = await this.dataSource.transaction(async (manager) => {
      // Longer input can demand more of its trigrams and still forgive a typo or two; the GIN
      // scan then skips the posting lists of words every other name shares ("dark", "and").
      await manager.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(wordSimilarityThreshold(folded))]);
      return this.ranked(
        manager,
        `(SELECT 'BAND' AS kind, id, name, slug, name_folded FROM band
           WHERE $1 <% name_folded AND name_folded NOT LIKE $2 ORDER BY word_similarity($1, name_folded) DESC, name_folded LIMIT $3)
         UNION ALL
         (SELECT 'LABEL', id, name, slug, name_folded FROM label
           WHERE $1 <% name_folded AND name_folded NOT LIKE $2 ORDER BY word_similarity($1, name_folded) DESC, name_folded LIMIT $3)`,
        folded,
        prefix,
        limit,
      );
    });
    return [...prefixHits, ...fuzzyHits].slice(0, limit);
  }

  private async ranked(manager: EntityManager, candidates: string, folded: string, prefix: string, limit: number): Promise<SearchHit[]> {
    const rows: SearchHit[] = await manager.query(
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

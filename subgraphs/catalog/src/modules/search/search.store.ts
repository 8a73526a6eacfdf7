import type { DataSource, EntityManager } from 'typeorm';
import { startingWith } from '../../like-pattern.js';
import type { CatalogHitKindValue } from './search.type.js';

export interface SearchHit {
  kind: CatalogHitKindValue;
  id: string;
  name: string;
  slug: string;
  score: number;
}

/**
 * The catalog autocomplete's reads: bands and labels by folded name, ranked together. A store of
 * its own (owning no table, writing nothing) rather than a method in the band and the label
 * store each, because one statement ranks both tables' rows against each other: split per
 * owner, every keystroke would cost two round trips and the ranking would move to code, with
 * JavaScript's string order instead of the "C" collation the folded-name indexes are built on.
 */
export class SearchStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Names starting with `folded` (btree on name_folded, cheap), best ranked first. */
  prefixMatches(folded: string, limit: number): Promise<SearchHit[]> {
    return this.ranked(
      `(SELECT 'BAND' AS kind, id, name, slug, name_folded FROM band WHERE name_folded LIKE $2 ORDER BY name_folded LIMIT $3)
       UNION ALL
       (SELECT 'LABEL', id, name, slug, name_folded FROM label WHERE name_folded LIKE $2 ORDER BY name_folded LIMIT $3)`,
      folded,
      limit,
    );
  }

  /**
   * Names containing most of `folded`'s trigrams (GIN, forgives typos) that do not start with it,
   * best ranked first. Needs a transaction: the threshold is set for it alone.
   */
  async fuzzyMatches(folded: string, limit: number, wordSimilarityThreshold: number): Promise<SearchHit[]> {
    await this.db.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(wordSimilarityThreshold)]);
    return this.ranked(
      `(SELECT 'BAND' AS kind, id, name, slug, name_folded FROM band
         WHERE $1 <% name_folded AND name_folded NOT LIKE $2 ORDER BY word_similarity($1, name_folded) DESC, name_folded LIMIT $3)
       UNION ALL
       (SELECT 'LABEL', id, name, slug, name_folded FROM label
         WHERE $1 <% name_folded AND name_folded NOT LIKE $2 ORDER BY word_similarity($1, name_folded) DESC, name_folded LIMIT $3)`,
      folded,
      limit,
    );
  }

  /** Within each group: exact name, closer, shorter. */
  private async ranked(candidates: string, folded: string, limit: number): Promise<SearchHit[]> {
    const rows: SearchHit[] = await this.db.query(
      `SELECT kind, id, name, slug,
              CASE WHEN name_folded LIKE $2 THEN 1 ELSE word_similarity($1, name_folded) END::float8 AS score
         FROM (${candidates}) c
        ORDER BY name_folded = $1 DESC, word_similarity($1, name_folded) DESC, similarity($1, name_folded) DESC,
                 length(name_folded), name_folded, kind, id
        LIMIT $3`,
      [folded, startingWith(folded), limit],
    );
    return rows.map((row) => ({ ...row, score: Number(row.score) }));
  }
}

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
   * leading "The" ignored). Each table is asked twice, each time through its own index and
   * capped: by prefix (btree text_pattern_ops) and by trigram word similarity (GIN), which
   * forgives typos. Ranking: exact name, then prefix, then similarity, then shorter names.
   */
  async search(query: string, first?: number | null): Promise<SearchHit[]> {
    const folded = foldName(query);
    if (!folded) return [];
    const limit = pageSize(first, { default: 10, max: 50 });
    const prefix = `${escapeLike(folded)}%`;
    const fuzzy = folded.length >= FUZZY_MIN_LENGTH;
    const branch = (kind: CatalogHitKindValue, table: 'band' | 'label') => `
      (SELECT '${kind}' AS kind, id, name, slug, name_folded FROM ${table}
        WHERE name_folded LIKE $2 ORDER BY name_folded LIMIT $3)
      ${fuzzy ? `UNION ALL
      (SELECT '${kind}', id, name, slug, name_folded FROM ${table}
        WHERE $1 <% name_folded ORDER BY word_similarity($1, name_folded) DESC, name_folded LIMIT $3)` : ''}`;
    const rows: { kind: CatalogHitKindValue; id: string; name: string; slug: string; score: number }[] = await this.dataSource.query(
      `WITH candidates AS (${branch('BAND', 'band')} UNION ALL ${branch('LABEL', 'label')})
       SELECT kind, id, name, slug,
              CASE WHEN name_folded LIKE $2 THEN 1 ELSE word_similarity($1, name_folded) END::float8 AS score
         FROM (SELECT DISTINCT kind, id, name, slug, name_folded FROM candidates) c
        ORDER BY name_folded = $1 DESC, name_folded LIKE $2 DESC, word_similarity($1, name_folded) DESC,
                 similarity($1, name_folded) DESC, length(name_folded), name_folded, kind, id
        LIMIT $3`,
      [folded, prefix, limit],
    );
    return rows.map((row) => ({ ...row, score: Number(row.score) }));
  }
}

import type { DataSource } from 'typeorm';
import { pageSize } from '@mrt/graphql-kit';
import { foldName } from '../../resolution/normalize.js';
import { SearchStore, type SearchHit } from './search.store.js';

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
    const prefixHits = await new SearchStore(this.dataSource).prefixMatches(folded, limit);
    if (prefixHits.length >= limit || folded.length < FUZZY_MIN_LENGTH) return prefixHits;
    // Longer input can demand more of its trigrams and still forgive a typo or two; the GIN
    // scan then skips the posting lists of words every other name shares ("dark", "and").
    const fuzzyHits = await this.dataSource.transaction((manager) => new SearchStore(manager).fuzzyMatches(folded, limit, wordSimilarityThreshold(folded)));
    return [...prefixHits, ...fuzzyHits].slice(0, limit);
  }
}

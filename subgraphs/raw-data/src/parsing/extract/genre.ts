import { foldCharwise } from './text.js';

/**
 * Categories and tags mix genres with formats and shop sections ("CD", "Pre-order", "Black
 * Metal"); this tells the genre ones apart so they can fill `genre`.
 */
const GENRE_WORDS =
  /\b(?:metal|doom|sludge|stoner|grind\w*|thrash|folk|pagan|viking|punk|crust|d-beat|hardcore|\w+core|ambient|drone|post-rock|shoegaze|gothic|industrial|noise|rock|dungeon synth|neofolk|martial)\b/;
const NOT_GENRE = /\b(?:shirt|patch|merch|vinyl|tape|cassette|pre-?order|sale|new|neu|nowosci|angebot|bundle)\b|\bcd\b|\blp\b/;

export function looksLikeGenre(text: string | null | undefined): text is string {
  if (typeof text !== 'string') return false;
  const folded = foldCharwise(text);
  return GENRE_WORDS.test(folded) && !NOT_GENRE.test(folded);
}

/** Genre-like entries joined with ", " (order kept, duplicates dropped), or null. */
export function genreFromTexts(texts: readonly (string | null | undefined)[]): string | null {
  const seen = new Set<string>();
  const genres: string[] = [];
  for (const text of texts) {
    if (!looksLikeGenre(text)) continue;
    const trimmed = text.trim();
    const key = foldCharwise(trimmed);
    if (seen.has(key)) continue;
    seen.add(key);
    genres.push(trimmed);
  }
  return genres.length > 0 ? genres.join(', ') : null;
}

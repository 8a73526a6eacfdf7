/**
 * Name folding for matching. Shops spell one band many ways ("MGŁA", "Mgla", "The Ruins of
 * Beverast" / "Ruins of Beverast", "Blood & Iron" / "Blood and Iron"); the folded form is what
 * rows are matched and searched on, while the display name keeps its original spelling.
 *
 * Computed here rather than in SQL (unaccent) so it is one immutable function everywhere,
 * indexable as a stored column and identical on PostgreSQL and embedded PGlite.
 */

// Letters NFKD does not decompose into a base letter plus a mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');

/** Case, diacritics and punctuation folded; "&" read as "and"; whitespace collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/&/g, ' and ')
    // Apostrophes join ("Rock 'n' Roll", "Lord's") rather than split words.
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The matching key of a band or label name: folded, without a leading "The". */
export function foldName(name: string): string {
  const folded = foldText(name);
  // A name of symbols only ("???", "†") still needs a key of its own.
  if (folded === '') return name.trim().toLowerCase();
  const withoutThe = folded.replace(/^the /, '');
  // A band called just "The ..." something short keeps its words.
  return withoutThe === '' ? folded : withoutThe;
}

/** URL-safe slug from a display name: "Mgła" -> "mgla", "Blood & Iron" -> "blood-and-iron". */
export function slugify(name: string): string {
  const slug = foldText(name).replace(/ /g, '-');
  return slug === '' ? 'unnamed' : slug.slice(0, 120);
}

/** Display spelling of a name as shops send it: trimmed, inner whitespace collapsed. */
export function cleanDisplayName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

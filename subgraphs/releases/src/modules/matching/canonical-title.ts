/**
 * Matching keys for releases. Shops spell one album many ways ("AGE OF EXCUSE (Digipak)",
 * "Age of Excuse - LP", "Mgła - Age Of Excuse"), so a release is found by its band and a
 * canonical title: diacritics, case, punctuation, brackets and format/edition words removed.
 */

// Letters NFKD does not decompose into base + mark (Polish ł, Nordic ø, ...).
const FOLDED_LETTERS: Record<string, string> = { ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case, no diacritics, every run of non-alphanumerics one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łøæœßđðþı]/g, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words (after folding) that describe the pressing, not the album. */
const EDITION_WORDS = [
  'digipak', 'digipack', 'digibook', 'digisleeve', 'jewel case', 'jewelcase', 'slipcase', 'mediabook', 'ecolbook',
  'gatefold', 'lp', '2lp', 'dlp', 'double lp', '12 vinyl', '12 lp', '7 vinyl', '7 ep', '10 vinyl', 'vinyl', 'cd', '2cd', 'mcd',
  'mc', 'tape', 'cassette', 'ltd', 'ltd ed', 'limited', 'edition', 'reissue', 're issue', 're release', 'rerelease', 'remaster',
  'remastered', 'repress', 're press', 'deluxe', 'boxset', 'box set', 'coloured', 'colored', 'black vinyl', 'splatter', 'marbled',
  '180g', '180 g', '180 gram', 'picture disc', 'anniversary', 'bonus tracks', 'bonus track',
];
// Longest first so "double lp" goes before "lp".
const EDITION_PATTERN = new RegExp(`\\b(?:${[...EDITION_WORDS].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
const REISSUE_PATTERN = /\b(?:re ?issue[sd]?|re ?release[sd]?|re ?master(?:ed)?|re ?press(?:ed)?|anniversary)\b/;

/**
 * The matching title: "Transilvanian Hunger (Re-issue 2013) [Digipak CD]" and
 * "TRANSILVANIAN HUNGER" both give "transilvanian hunger". A leading band name written into the
 * title ("Mgła - Age of Excuse") is dropped as well. Never empty: a title made only of edition
 * words keeps its folded form.
 */
export function canonicalTitle(title: string, bandNames: readonly string[] = []): string {
  const withoutBrackets = title.replace(/\([^)]*\)|\[[^\]]*\]|\{[^}]*\}/g, ' ');
  let folded = foldText(withoutBrackets) || foldText(title);
  for (const band of bandNames) {
    const prefix = foldText(band);
    if (prefix && folded.startsWith(`${prefix} `) && /\s[-–—:/|]\s/.test(title)) {
      folded = folded.slice(prefix.length + 1);
      break;
    }
  }
  // "Reissue 2013": the year names the pressing, not the album.
  if (REISSUE_PATTERN.test(folded)) folded = folded.replace(/\b(?:19|20)\d{2}\b/g, ' ');
  const stripped = folded.replace(EDITION_PATTERN, ' ').replace(/\s+/g, ' ').trim();
  return stripped || folded;
}

/** Whether the shop's own words say this is a later pressing of an older album. */
export function saysReissue(...texts: (string | null | undefined)[]): boolean {
  return texts.some((text) => text !== null && text !== undefined && REISSUE_PATTERN.test(foldText(text)));
}

/**
 * A listing whose release year is this many years after the original's is a reissue even when
 * the shop does not say so (e.g. a 1994 album listed with a 2022 date).
 */
export const REISSUE_YEAR_GAP = 2;

export function isLaterPressing(originalDate: string | null, listingDate: string | null): boolean {
  if (!originalDate || !listingDate) return false;
  return Number(listingDate.slice(0, 4)) - Number(originalDate.slice(0, 4)) >= REISSUE_YEAR_GAP;
}

/** Search text: band names and title folded the same way queries are. */
export function searchText(title: string, bandNames: readonly string[]): string {
  return foldText([...bandNames, title].join(' '));
}

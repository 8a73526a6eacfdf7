import { decodeHtmlEntities } from './html-entities.js';

/** Collapses every kind of whitespace (incl. no-break and thin spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
}

/** Trims, collapses whitespace, normalises to NFC (composed diacritics) and returns null when empty. */
export function cleanText(text: unknown): string | null {
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  const cleaned = collapseWhitespace(String(text)).normalize('NFC');
  return cleaned === '' ? null : cleaned;
}

/** Like cleanText, for strings that may carry HTML character references. */
export function cleanEncodedText(text: unknown): string | null {
  const cleaned = cleanText(text);
  return cleaned === null ? null : cleanText(decodeHtmlEntities(cleaned));
}

/** Plain text of an HTML snippet (descriptions): block ends become line breaks so "Label: X" lines survive. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6]|dd|dt)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return decodeHtmlEntities(withBreaks)
    .split('\n')
    .map((line) => collapseWhitespace(line))
    .filter((line) => line !== '')
    .join('\n');
}

// Letters NFD cannot decompose; Polish "ł" and Icelandic "þ" must fold like their ASCII spelling.
const SPECIAL_FOLDS: Record<string, string> = {
  ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', æ: 'ae', Æ: 'ae',
  œ: 'oe', Œ: 'oe', ß: 'ss', ı: 'i', ħ: 'h',
};

/**
 * Case- and diacritic-insensitive form for comparing names ("MGŁA" = "Mgla", "Misþyrming" =
 * "Misthyrming"). Only for comparison: displayed names keep their diacritics.
 */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łŁøØđĐðÐþÞæÆœŒßıħ]/g, (letter) => SPECIAL_FOLDS[letter] ?? letter)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Folds one character at a time so the result has exactly the input's length: pattern matches on
 * the folded text can then cut the original text at the same offsets. Quote look-alikes become '"'.
 */
export function foldCharwise(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    const code = char.charCodeAt(0);
    if (code < 0x80) {
      folded += char.toLowerCase();
      continue;
    }
    if ('“”„″‟«»'.includes(char)) {
      folded += '"';
      continue;
    }
    if ('‘’‚′'.includes(char)) {
      folded += "'";
      continue;
    }
    if ('‐‑‒–—―'.includes(char)) {
      folded += '-';
      continue;
    }
    const special = SPECIAL_FOLDS[char];
    if (special !== undefined) {
      folded += special.charAt(0);
      continue;
    }
    const base = char.normalize('NFD').charAt(0).toLowerCase().charAt(0);
    folded += base === '' ? char : base;
  }
  return folded;
}

import type { Format } from '@mrt/events';
import { foldCharwise } from './text.js';

/**
 * Physical format from free text. Patterns run on foldCharwise() text (lower case, no diacritics,
 * '"' for every inch-mark look-alike), most specific first so "2LP" never reads as "LP".
 */

interface FormatPattern {
  format: Format;
  pattern: RegExp;
  /** Generic words ("vinyl", "digipak") name the medium but not the exact format. */
  generic: boolean;
}

// Inch marks: 7" 7'' 7 inch 7-inch 7 Zoll 7 cali (Polish). A bare "7 in" is not one: "7 in stock".
const INCH = String.raw`\s*(?:"|''|-?\s*inch(?:es)?\b|-?\s*zoll\b|-?\s*cali\b)`;

const FORMAT_PATTERNS: readonly FormatPattern[] = [
  { format: 'BOX', generic: false, pattern: /\bbox(?:ed)?[\s-]?sets?\b|\bbox\b|\bboxsets?\b|\bcoffret\b/ },
  {
    format: 'CD2',
    generic: false,
    pattern: /(?<![\d.])(?:[2-9]|two|double)\s*(?:x\s*)?-?\s*cds?\b|\bdcd\b|\bdoppel-?cd\b|\bpodwojny cd\b/,
  },
  {
    format: 'LP2',
    generic: false,
    pattern: new RegExp(
      String.raw`(?<![\d.])(?:[2-9]|two|double)\s*(?:x\s*)?-?\s*(?:lps?\b|12${INCH}|vinyls?\b|vinyle\b)|\bdlp\b|\bdoppel-?lp\b|\bpodwojny winyl\b`,
    ),
  },
  {
    format: 'MCD',
    generic: false,
    pattern: /\bm-?cd\b|\bmini[\s-]?cd\b|\bep[\s-]?cd\b|\bcd[\s-]?ep\b|\bcd[\s-]?single\b/,
  },
  { format: 'EP7', generic: false, pattern: new RegExp(String.raw`(?<![\d.,])7${INCH}`) },
  { format: 'EP10', generic: false, pattern: new RegExp(String.raw`(?<![\d.,])10${INCH}`) },
  {
    format: 'MC',
    generic: false,
    pattern: /\b(?:mc|tapes?|cassettes?|kassetten?|kaset[ay]|kasete|cassetes?|cassetta|k7|fita cassete)\b|cassetteformat/,
  },
  {
    format: 'LP',
    generic: false,
    pattern: new RegExp(String.raw`\b(?:lps?|mlp)\b|(?<![\d.,])12${INCH}`),
  },
  { format: 'CD', generic: false, pattern: /\bcds?\b|\bcompact disc\b|cdformat/ },
  {
    format: 'LP',
    generic: true,
    pattern: /\bvinyl\w*|vinylformat|\bvinyle\b|\bvinile\b|\bvinil\b|\bwinyl\w*|\bschallplatte\w*|\bgatefold\b|\bpicture[\s-]?disc\b/,
  },
  {
    format: 'CD',
    generic: true,
    pattern: /\bdigi(?:pak|pack|book|sleeve)?\b|\bjewel[\s-]?case\b|\bslip[\s-]?case\b|\bmedia[\s-]?book\b|\bo-?card\b/,
  },
];

export interface FormatMatch {
  format: Format;
  generic: boolean;
}

export function formatFromText(text: string | null | undefined): FormatMatch | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  const folded = foldCharwise(schemaFormatName(text) ?? text);
  for (const { format, pattern, generic } of FORMAT_PATTERNS) {
    if (pattern.test(folded)) return { format, generic };
  }
  return null;
}

/** "https://schema.org/VinylFormat" -> "VinylFormat": the bare term is what the patterns know. */
function schemaFormatName(text: string): string | null {
  const match = /^\s*(?:https?:\/\/)?schema\.org\/(\w+)\s*$/i.exec(text);
  return match?.[1] ?? null;
}

/** schema.org MusicReleaseFormatType terms that are not a physical carrier we track. */
export function isDigitalFormat(text: string | null | undefined): boolean {
  if (!text) return false;
  return /^(?:(?:https?:\/\/)?schema\.org\/)?DigitalFormat$/i.test(text.trim());
}

type EvidenceTexts = readonly (string | null | undefined)[];

/** Where a format was read from, most trustworthy first. */
export interface FormatEvidence {
  /** Explicit format fields: attribute tables, Woo "Format" attribute, schema musicReleaseFormat. */
  attributes?: EvidenceTexts;
  /** The chosen variant's option values ("LP - Black", "Cassette"). */
  variantOptions?: EvidenceTexts;
  /** Format words found in (or stripped from) the product name. */
  title?: EvidenceTexts;
  /** Category names, Shopify product_type. */
  categories?: EvidenceTexts;
  tags?: EvidenceTexts;
}

const TIERS: readonly (keyof FormatEvidence)[] = ['attributes', 'variantOptions', 'title', 'categories', 'tags'];

// A plain "LP"/"CD" may be refined by weaker evidence that is more precise within the same medium.
const REFINEMENTS: Partial<Record<Format, readonly Format[]>> = {
  LP: ['LP2', 'EP7', 'EP10'],
  CD: ['CD2', 'MCD'],
};

/**
 * Picks the format from the most trustworthy evidence: the first tier with a specific match wins,
 * generic words ("vinyl") count only when nothing specific exists, and a winning plain LP/CD is
 * refined by a more precise same-medium match elsewhere (attribute "Vinyl" + title "2LP" = LP2).
 */
export function detectFormat(evidence: FormatEvidence): Format {
  const matches: FormatMatch[] = [];
  for (const tier of TIERS) {
    matches.push(...(evidence[tier] ?? []).map((text) => formatFromText(text)).filter((m) => m !== null));
  }
  const chosen = matches.find((m) => !m.generic) ?? matches[0];
  if (chosen === undefined) return 'OTHER';
  const refinements = REFINEMENTS[chosen.format];
  const refined = refinements && matches.find((m) => !m.generic && refinements.includes(m.format));
  return refined ? refined.format : chosen.format;
}

/**
 * Removes the format words themselves from a variant label so "LP - Black" leaves "Black".
 * Material words such as "vinyl" stay: "red/black marbled vinyl" is the variant's whole point.
 */
export function removeFormatWords(text: string): string | null {
  const folded = foldCharwise(text);
  const pattern = new RegExp(
    String.raw`(?<![\w.])(?:\d\s*x\s*)?(?:[2-9])?\s*(?:lps?|cds?|mcd|mc|dlp|ep|tapes?|cassettes?|kassetten?|kaset[ay]|mini[\s-]?cd|compact[\s-]discs?|(?:7|10|12)${INCH})(?![\w])`,
    'g',
  );
  let result = '';
  let last = 0;
  for (const match of folded.matchAll(pattern)) {
    result += text.slice(last, match.index);
    last = match.index + match[0].length;
  }
  result += text.slice(last);
  return tidySeparators(result);
}

/** Trims separators left at the ends or doubled after removing words ("LP - Black" -> " - Black"). */
export function tidySeparators(text: string): string | null {
  const tidy = text
    .replace(/\s*([,;/|+])\s*(?:[,;/|+]\s*)+/g, '$1 ')
    .replace(/^[\s,;:/|+\-–—·•]+|[\s,;:/|+\-–—·•]+$/g, '')
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return tidy === '' ? null : tidy;
}

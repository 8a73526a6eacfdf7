import type { ReleaseType } from '@mrt/events';
import { foldCharwise } from './text.js';

/**
 * Release type from a type field, category or tag ("Full-length", "Live album", "Boxed set").
 * Order matters: "split video" is a split, "live album" is live and not a full-length album.
 */
const RELEASE_TYPE_PATTERNS: readonly [ReleaseType, RegExp][] = [
  ['SPLIT', /\bsplit\b/],
  ['BOXED_SET', /\bbox(?:ed)?[\s-]?sets?\b|\bboxsets?\b/],
  ['LIVE', /\blive\b|\bkoncert\w*|\bao vivo\b|\bdal vivo\b/],
  ['COMPILATION', /\bcompilation\b|\bkompilation\b|\bkompilacja\b|\bcompilacao\b|\bcompilation album\b|\bbest of\b|\banthology\b|\bcollection\b|\bsampler\b/],
  ['DEMO', /\bdemo(?:s|\s*tape)?\b/],
  ['VIDEO', /\bvideo\b|\bdvd\b|\bblu-?ray\b|\bvhs\b/],
  ['EP', /\bep\b|\bmini[\s-]?album\b|\bmlp\b|\bmcd\b/],
  ['SINGLE', /\bsingle\b|\bsingiel\b/],
  ['FULL_LENGTH', /\bfull[\s-]?length\b|\bstudio album\b|\balbum\b|\blongplay\b|\bstudioalbum\b/],
];

export function parseReleaseType(text: string | null | undefined): ReleaseType | null {
  if (typeof text !== 'string' || text.trim() === '') return null;
  const folded = foldCharwise(text);
  for (const [type, pattern] of RELEASE_TYPE_PATTERNS) {
    if (pattern.test(folded)) return type;
  }
  return null;
}

/** First release type any of the texts names, in the order given (most trusted first). */
export function releaseTypeFromTexts(texts: readonly (string | null | undefined)[]): ReleaseType | null {
  for (const text of texts) {
    const type = parseReleaseType(text);
    if (type !== null) return type;
  }
  return null;
}

const SCHEMA_RELEASE_TYPES: Record<string, ReleaseType> = {
  albumrelease: 'FULL_LENGTH',
  eprelease: 'EP',
  singlerelease: 'SINGLE',
  studioalbum: 'FULL_LENGTH',
  livealbum: 'LIVE',
  compilationalbum: 'COMPILATION',
  demoalbum: 'DEMO',
};

/** schema.org albumReleaseType / albumProductionType terms (full URL or bare). */
export function releaseTypeFromSchema(term: string | null | undefined): ReleaseType | null {
  if (typeof term !== 'string') return null;
  const bare = term.trim().replace(/^(?:https?:\/\/)?schema\.org\//i, '').toLowerCase();
  return SCHEMA_RELEASE_TYPES[bare] ?? null;
}

import { FORMATS, type Format } from '@mrt/events';

/**
 * What one line of a Discogs export says, read the way our matching needs it. Discogs writes
 * artists with its own marks: "Mgła (2)" (a number telling same-named artists apart), "Darkthrone*"
 * (an artist name variation) and several credits joined by " / ", ", " or " & " on splits.
 */

/** The names to look a release up by: the cleaned full credit first, then each credited artist. */
export function artistCandidates(artist: string): string[] {
  const clean = (name: string) =>
    name
      .replace(/\s*\(\d+\)\s*$/, '')
      .replace(/\*+\s*$/, '')
      .trim();
  const full = clean(artist.replace(/\s*\(\d+\)(?=\s*(?:[/,&]|$))/g, '').replace(/\*(?=\s*(?:[/,&]|$))/g, ''));
  const parts = artist
    .split(/\s+[/&]\s+|,\s+/)
    .map(clean)
    .filter((part) => part.length > 0);
  return [...new Set([full, ...parts].filter((name) => name.length > 0))];
}

/** A Discogs format descriptor that says the row is a reissue (or remaster) of an older album. */
const REISSUE_DESCRIPTORS = new Set(['re', 'rm', 'reissue', 'remastered', 'repress', 'rp']);

export interface DiscogsFormat {
  /** Our format, or null when the text names none we sell (or is empty): the row then means any format. */
  format: Format | null;
  reissue: boolean;
}

/**
 * Discogs' Format column: "LP, Album, RE", "2xLP, Album, Ltd", "CD, Album", "CD, EP", "Cass, Album",
 * '7", EP', "Box Set" (a collection export), or one of our own Format values (our export).
 * The first descriptor that names a carrier decides; the rest (Album, Ltd, RE, ...) are
 * descriptions, of which only the reissue marks matter to matching.
 */
export function parseDiscogsFormat(text: string | undefined): DiscogsFormat {
  const value = (text ?? '').trim();
  if ((FORMATS as readonly string[]).includes(value)) return { format: value as Format, reissue: false };
  const descriptors = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const lower = descriptors.map((part) => part.toLowerCase());
  const reissue = lower.some((part) => REISSUE_DESCRIPTORS.has(part));
  for (const descriptor of lower) {
    const carrier = carrierOf(descriptor, lower);
    if (carrier) return { format: carrier, reissue };
  }
  return { format: null, reissue };
}

function carrierOf(descriptor: string, all: readonly string[]): Format | null {
  const match = /^(?:(\d+)\s*x\s*)?(.+)$/.exec(descriptor)!;
  const quantity = Number(match[1] ?? '1');
  const name = match[2]!.trim();
  if (name === 'box set' || name === 'boxset') return 'BOX';
  if (name === 'lp' || name === '12"' || name === 'vinyl') return quantity > 1 ? 'LP2' : all.includes('7"') ? 'EP7' : all.includes('10"') ? 'EP10' : 'LP';
  if (name === '7"') return 'EP7';
  if (name === '10"') return 'EP10';
  if (name === 'cd' || name === 'cdr') return quantity > 1 ? 'CD2' : all.includes('ep') || all.includes('mini') ? 'MCD' : 'CD';
  if (name === 'cass' || name === 'cassette') return 'MC';
  return null;
}

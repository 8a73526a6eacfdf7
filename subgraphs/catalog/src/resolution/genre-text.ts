import { foldText } from './normalize.js';

export interface GenreRef {
  name: string;
  slug: string;
}

/**
 * Canonical genres by the folded word (or two words) that names them. Modifiers shops put in
 * front ("atmospheric", "melodic", "raw", "funeral") carry no genre of their own and are dropped.
 */
const CANONICAL: readonly (readonly [string, string])[] = [
  ['dungeon synth', 'Dungeon Synth'],
  ['dark ambient', 'Dark Ambient'],
  ['post metal', 'Post-Metal'],
  ['black', 'Black Metal'],
  ['blackened', 'Black Metal'],
  ['death', 'Death Metal'],
  ['thrash', 'Thrash Metal'],
  ['doom', 'Doom Metal'],
  ['heavy', 'Heavy Metal'],
  ['speed', 'Speed Metal'],
  ['power', 'Power Metal'],
  ['sludge', 'Sludge Metal'],
  ['folk', 'Folk Metal'],
  ['progressive', 'Progressive Metal'],
  ['prog', 'Progressive Metal'],
  ['gothic', 'Gothic Metal'],
  ['grindcore', 'Grindcore'],
  ['grind', 'Grindcore'],
  ['crust', 'Crust Punk'],
  ['stoner', 'Stoner Metal'],
  ['viking', 'Viking Metal'],
  ['pagan', 'Pagan Metal'],
  ['symphonic', 'Symphonic Metal'],
  ['industrial', 'Industrial Metal'],
  ['drone', 'Drone'],
  ['metalcore', 'Metalcore'],
  ['deathcore', 'Deathcore'],
];

export function genreSlug(name: string): string {
  return foldText(name).replace(/ /g, '-');
}

/**
 * "Atmospheric Black/Death Metal" -> Black Metal, Death Metal. Text naming no canonical genre
 * ("Noise Rock") becomes a genre of its own, so nothing a shop says is thrown away; the
 * original text travels on in the event and is kept on the band.
 */
export function canonicalGenres(text: string | null | undefined): GenreRef[] {
  if (!text) return [];
  const words = foldText(text).split(' ').filter(Boolean);
  const found = new Map<string, GenreRef>();
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : null;
    const match = CANONICAL.find(([key]) => key === pair) ?? CANONICAL.find(([key]) => key === words[i]);
    if (!match) continue;
    if (match[0].includes(' ')) i++;
    const slug = genreSlug(match[1]);
    if (!found.has(slug)) found.set(slug, { name: match[1], slug });
  }
  if (found.size > 0) return [...found.values()];
  const name = text.trim().replace(/\s+/g, ' ').slice(0, 100);
  const slug = genreSlug(name);
  return slug ? [{ name, slug }] : [];
}

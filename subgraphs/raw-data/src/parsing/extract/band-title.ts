import type { ReleaseType } from '@mrt/events';
import { classifyNoise, stripBracketedNoise, stripTrailingNoise, type NoiseFragment } from './edition-noise.js';
import { extracted, notExtracted, type Extraction } from './extraction.js';
import { tidySeparators } from './format.js';
import { collapseWhitespace, foldForMatching } from './text.js';

export interface ReleaseNameParts {
  bandNames: string[];
  title: string;
  /** Edition details moved out of the title ("Digipak", "gatefold, red/black marbled vinyl"). */
  variant: string | null;
  reissue: boolean;
  /** Noise fragments as written: format evidence for detectFormat's title tier. */
  formatTexts: string[];
  /** Stock wording found in the name ("Pre-Order"). */
  stockText: string | null;
  releaseTypeHint: ReleaseType | null;
}

export interface BandContext {
  /** Band(s) given by a dedicated field (byArtist, an attribute, a Metal Archives link): trusted. */
  bands?: readonly string[] | null;
  /** Shopify vendor / JSON-LD brand when the source uses it for the band. */
  vendor?: string | null;
}

/** Untitled splits ("Mgła / Kriegsmaschine split 7\"") get this title so shops agree on one. */
export const UNTITLED_SPLIT_TITLE = 'Split';

// Spaced hyphens, any en/em dash, or a spaced pipe separate band from title: "Band - Title".
const SEPARATOR = /\s+-{1,2}\s+|\s*[–—―]\s*|\s+\|\s+/g;
const QUOTED_TITLE = /^(.+?)\s+["“„«‘'](.+)["”“»’']$/;
const COLON = /^([^:]{1,60}?)\s*:\s+(.+)$/;
const SPLIT_BANDS_ALWAYS = /\s+\/\s+/;
const SPLIT_BANDS_WHEN_SPLIT = /\s+\/\s+|\s*\/\s*|\s+&\s+|\s+(?:x|vs\.?|and|und|i|e)\s+|\s*,\s+/i;
// Vendors that are labels, distros or the shop itself cannot be a band name.
const COMPANY_WORDS =
  /\b(?:records?|recordings|productions?|prod\.?|music|musik|distro|distribution|label|mailorder|mail-order|co\.|inc\.?|ltd\.?|gmbh|llc|store|shop|vinyl co)\b/i;

/**
 * Splits a product name into band(s), title and edition noise.
 *   "MGŁA - Age of Excuse (Digipak)"            -> [MGŁA] / Age of Excuse / Digipak
 *   "Obituary - Slowly We Rot - Live"           -> [Obituary] / Slowly We Rot - Live
 *   "Blut Aus Nord / P.H.O.B.O.S. - Triunity"   -> [Blut Aus Nord, P.H.O.B.O.S.] / Triunity
 *   "Age of Excuse" with vendor "Mgła"          -> [Mgła] / Age of Excuse
 * Fails (with a reason) when no band can be told apart from the title.
 */
export function splitReleaseName(name: string, context: BandContext = {}): Extraction<ReleaseNameParts> {
  const noise: NoiseFragment[] = [];
  const bracketsRemoved = stripBracketedNoise(collapseWhitespace(name).normalize('NFC'));
  noise.push(...bracketsRemoved.noise);
  let text = bracketsRemoved.text;
  if (text === '') return notExtracted(`no-title: "${name}" holds no title`);

  const segments = dropNoiseSegments(text, noise);
  text = segments;

  const explicitBands = (context.bands ?? []).flatMap((band) => splitBandField(band)).filter((b) => b !== '');
  const vendor = usableVendor(context.vendor);

  let bandNames: string[];
  let title: string;
  if (explicitBands.length > 0 || vendor !== null) {
    const known = explicitBands.length > 0 ? explicitBands : splitBandField(vendor ?? '');
    bandNames = known;
    title = withoutBandPrefix(text, known) ?? text;
  } else {
    const split = splitOnSeparator(text, noise);
    if (split === null) return notExtracted(`no-band: cannot tell the band from the title in "${name}"`);
    ({ bandNames, title } = split);
  }

  const trailing = stripTrailingNoise(title);
  if (trailing.noise !== null) noise.push(trailing.noise);
  title = unquote(trailing.text);

  const splitHint = noise.some((fragment) => fragment.releaseTypeHint === 'SPLIT');
  if (bandNames.length === 1 && splitHint && explicitBands.length === 0) {
    bandNames = splitBandList(bandNames[0] ?? '', true);
  }
  if (bandNames.length === 0 || bandNames.some((band) => classifyNoise(band) !== null)) {
    return notExtracted(`no-band: no band name left in "${name}"`);
  }
  if (title === '' || classifyNoise(title) !== null) {
    if (bandNames.length > 1 || splitHint) title = UNTITLED_SPLIT_TITLE;
    else return notExtracted(`no-title: no title left in "${name}"`);
  }

  const variants = noise.map((fragment) => fragment.variant).filter((v): v is string => v !== null);
  return extracted({
    bandNames,
    title,
    variant: variants.length > 0 ? variants.join(', ') : null,
    reissue: noise.some((fragment) => fragment.reissue),
    formatTexts: noise.map((fragment) => fragment.text),
    stockText: noise.find((fragment) => fragment.stockText !== null)?.stockText ?? null,
    releaseTypeHint: bandNames.length > 1 ? 'SPLIT' : (noise.find((f) => f.releaseTypeHint)?.releaseTypeHint ?? null),
  });
}

/** Drops dash-separated segments that are pure noise at either end ("LP - Band - Title - Black Vinyl"). */
function dropNoiseSegments(text: string, noise: NoiseFragment[]): string {
  let current = text;
  // "Pre-Order: Darkthrone - It Beckons Us All" and "LP: Band - Title" lead with a noise label.
  const labelled = /^([^:]{1,30}):\s+(.+)$/.exec(current);
  const label = labelled?.[1] !== undefined ? classifyNoise(labelled[1]) : null;
  if (label !== null && labelled?.[2] !== undefined) {
    noise.push(label);
    current = labelled[2];
  }
  for (;;) {
    const separators = [...current.matchAll(SEPARATOR)];
    const first = separators[0];
    const last = separators[separators.length - 1];
    if (first === undefined || last === undefined) return current;
    const head = classifyNoise(current.slice(0, first.index));
    if (head !== null) {
      noise.push(head);
      current = current.slice(first.index + first[0].length);
      continue;
    }
    const tail = classifyNoise(current.slice(last.index + last[0].length));
    if (tail !== null) {
      noise.push(tail);
      current = current.slice(0, last.index);
      continue;
    }
    return current;
  }
}

function splitOnSeparator(text: string, noise: NoiseFragment[]): { bandNames: string[]; title: string } | null {
  const separator = new RegExp(SEPARATOR.source).exec(text);
  if (separator !== null) {
    const band = text.slice(0, separator.index);
    const title = text.slice(separator.index + separator[0].length);
    return { bandNames: splitBandList(band, /\bsplit\b/i.test(title)), title };
  }
  // "Mgła / Kriegsmaschine split 7\"" or "Band A / Band B / Band C": a split without a title.
  const trailing = stripTrailingNoise(text);
  const isSplit = trailing.noise?.releaseTypeHint === 'SPLIT';
  if (isSplit || SPLIT_BANDS_ALWAYS.test(text)) {
    if (trailing.noise !== null) noise.push(trailing.noise);
    const bands = splitBandList(trailing.text, true);
    if (bands.length > 1) return { bandNames: bands, title: '' };
  }
  const quoted = QUOTED_TITLE.exec(text);
  if (quoted?.[1] !== undefined && quoted[2] !== undefined) {
    return { bandNames: splitBandList(quoted[1], false), title: quoted[2] };
  }
  const colon = COLON.exec(text);
  if (colon?.[1] !== undefined && colon[2] !== undefined && !/^\d/.test(colon[2])) {
    return { bandNames: splitBandList(colon[1], false), title: colon[2] };
  }
  return null;
}

/** " / " always separates bands; "&", "x", "and" and commas only on releases known to be splits. */
export function splitBandList(text: string, isSplit: boolean): string[] {
  const pattern = isSplit ? SPLIT_BANDS_WHEN_SPLIT : SPLIT_BANDS_ALWAYS;
  return text
    .split(new RegExp(pattern.source, 'gi'))
    .map((band) => tidySeparators(band) ?? '')
    .filter((band) => band !== '');
}

function splitBandField(band: string): string[] {
  return splitBandList(collapseWhitespace(band).normalize('NFC'), false);
}

function usableVendor(vendor: string | null | undefined): string | null {
  const cleaned = vendor ? collapseWhitespace(vendor) : '';
  if (cleaned === '' || COMPANY_WORDS.test(cleaned)) return null;
  return cleaned.normalize('NFC');
}

/**
 * "Mgla - Age of Excuse" with known band "Mgła" -> "Age of Excuse": the known band's name is
 * compared folded, so spelling differences in the product name do not leave it in the title.
 */
function withoutBandPrefix(text: string, bands: readonly string[]): string | null {
  const wanted = [foldForMatching(bands.join(' ')), ...bands.map((band) => foldForMatching(band))];
  for (const separator of text.matchAll(SEPARATOR)) {
    const head = foldForMatching(text.slice(0, separator.index));
    if (wanted.includes(head)) return text.slice(separator.index + separator[0].length);
  }
  const quoted = QUOTED_TITLE.exec(text);
  if (quoted?.[1] !== undefined && quoted[2] !== undefined && wanted.includes(foldForMatching(quoted[1]))) {
    return quoted[2];
  }
  return null;
}

function unquote(title: string): string {
  const trimmed = tidySeparators(title) ?? '';
  const quoted = /^["“„«‘'](.+)["”“»’']$/.exec(trimmed);
  return (quoted?.[1] ?? trimmed).trim();
}

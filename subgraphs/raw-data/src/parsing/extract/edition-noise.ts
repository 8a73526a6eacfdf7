import type { ReleaseType } from '@mrt/events';
import { tidySeparators } from './format.js';
import { foldCharwise } from './text.js';

/**
 * Shops pack format and edition details into product names ("(Digipak)", "[2LP]", "ltd. 500
 * copies", "red/black marbled vinyl"). This module recognises such fragments so the name splitter
 * can move them out of the title: a fragment is noise only when EVERY word in it is a known
 * noise word and at least one of them is a strong one, so real titles ("Black Album") survive.
 * Patterns run on foldCharwise() text, which keeps offsets aligned with the original.
 */

type NoiseKind = 'format' | 'edition' | 'reissue' | 'stock' | 'releaseType';

const INCH = String.raw`(?:"|''|-?\s*inch(?:es)?\b|-?\s*zoll\b|-?\s*cali\b)`;

const STRONG_NOISE: readonly { kind: NoiseKind; pattern: RegExp }[] = [
  {
    kind: 'stock',
    pattern:
      /\bpre[\s-]?orders?\b|\bpre[\s-]?sale\b|\bvorbestell\w*|\bvorverkauf\b|\bprzedsprzedaz\w*|\bpre[\s-]?venda\b|\bpreordine\b|\bpre[\s-]?commande\b|\bprecommande\b|\bsold[\s-]?out\b|\bausverkauft\b|\bout of stock\b|\bback in stock\b|\brestock(?:ed)?\b|\bwyprzedan\w*|\besgotado\b|\besaurito\b|\bepuise\b/g,
  },
  { kind: 'reissue', pattern: /\bre-?issue[sd]?\b|\bre-?master(?:ed)?\b|\bre-?press(?:ed|ing)?\b|\bre-?release[sd]?\b|\banniversary\b|\bneuauflage\b|\bwznowienie\b|\breedition\b|\bristampa\b|\breedicao\b/g },
  {
    kind: 'format',
    pattern: new RegExp(
      String.raw`(?<![\w.])(?:\d\s*x\s*)?(?:[2-9]|double|doppel-?)?\s*-?\s*(?:lps?|dlp|cds?|dcd|mcd|m-cd|mlp|mc|k7|tapes?|cassettes?|kassetten?|kaset[ay]|cassetta|mini[\s-]?cd|(?:7|10|12)\s*${INCH})(?![\w])|\b(?:cd|lp|vinyl|tape|wooden|deluxe|cassette)\s+box(?:es)?\b|\bbox(?:ed)?[\s-]?sets?\b|\bboxsets?\b`,
      'g',
    ),
  },
  { kind: 'releaseType', pattern: /\bep\b|\bsplit\b|\bmini[\s-]?album\b/g },
  {
    kind: 'edition',
    pattern:
      /\bdigi(?:pak|pack|book|sleeve)?\b|\bjewel[\s-]?case\b|\bslip[\s-]?case\b|\bmedia[\s-]?book\b|\ba5\b|\bo-?card\b|\bgatefold\b|\bpicture[\s-]?disc\b|\bpic[\s-]?(?:lp|disc)\b|\b1[48]0\s*-?\s*g(?:r|ram|ramm)?\b|\bvinyl\w*|\bvinyle\b|\bvinile\b|\bvinil\b|\bwinyl\w*|\bcolou?r(?:ed)?\b|\bfarbig\w*|\bkolorow\w*|\bmarbled?\b|\bsplatter(?:ed)?\b|\bswirl\b|\bgalaxy\b|\bhaze\b|\btest[\s-]?pressing\b|\blimit\w*|\bltd\b\.?|\blim\b\.?|\bnumbered\b|\bhand[\s-]?numbered\b|\bnummeriert\b|\bnumerowan\w*|\beditions?\b|\bedycja\b|\bedizione\b|\bedicao\b|\bauflage\b|\bausgabe\b|\bwydanie\b|\bnaklad\w*|\bversion\b|\bdeluxe\b|\bdie[\s-]?hard\b|\bimport\b|\bbonus(?:\s*tracks?)?\b|\bincl\w*\s+poster\b|\bobi\b/g,
  },
];

const WEAK_NOISE =
  /\b\d+(?:st|nd|rd|th|\.)?\b|\b(?:copies|copy|cop|ex|exemplare|stuck|egz|szt|of|on|with|and|plus|incl|inkl|w|x|u|und|i|e|et|y|mit|z)\b\.?|\b(?:black|white|red|blue|green|yellow|orange|purple|violet|pink|grey|gray|silver|gold|golden|bone|cream|beige|brown|clear|transparent|translucent|crystal|smoke|smokey|smoky|ice|oxblood|bordeaux|burgundy|turquoise|teal|magenta|olive|sand|opaque|solid|mixed|merge|blood|schwarz|weiss|weis|rot|blau|grun|gelb|klar|czarn\w*|czerwon\w*|bial\w*|zlot\w*|noir|blanc|rouge|nero|bianco|rosso|preto|branco|vermelho)\b/g;

const SEPARATORS = /[\s,;:.+&/|()[\]{}\-_*!#"'~]+/g;

export interface NoiseFragment {
  /** The fragment as written, e.g. "Digipak" or "2LP, gatefold". */
  text: string;
  /** What remains for the variant once format, stock and type words are gone; null if nothing. */
  variant: string | null;
  reissue: boolean;
  /** Stock wording found in the fragment ("Pre-Order"), to be read by the stock mapper. */
  stockText: string | null;
  releaseTypeHint: ReleaseType | null;
}

/** Classifies a fragment; null when it is not pure noise (so it belongs to the title). */
export function classifyNoise(fragment: string): NoiseFragment | null {
  const folded = foldCharwise(fragment);
  if (folded.trim() === '') return null;
  const kinds = new Set<NoiseKind>();
  const removedForVariant: [number, number][] = [];
  let stockText: string | null = null;
  let releaseTypeHint: ReleaseType | null = null;
  let rest = folded;
  for (const { kind, pattern } of STRONG_NOISE) {
    rest = rest.replace(pattern, (match: string, ...args: unknown[]) => {
      const offset = args.find((arg) => typeof arg === 'number') ?? 0;
      kinds.add(kind);
      if (kind === 'stock') stockText ??= fragment.slice(offset, offset + match.length);
      if (kind === 'releaseType') releaseTypeHint ??= /split/.test(match) ? 'SPLIT' : 'EP';
      if (kind === 'format' || kind === 'stock' || kind === 'releaseType') {
        removedForVariant.push([offset, offset + match.length]);
      }
      return ' '.repeat(match.length);
    });
  }
  if (kinds.size === 0) return null;
  rest = rest.replace(WEAK_NOISE, (match) => ' '.repeat(match.length));
  if (rest.replace(SEPARATORS, '') !== '') return null;
  return {
    text: fragment.trim(),
    variant: tidySeparators(cutRanges(fragment, removedForVariant)),
    reissue: kinds.has('reissue'),
    stockText,
    releaseTypeHint,
  };
}

function cutRanges(text: string, ranges: [number, number][]): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let result = '';
  let last = 0;
  for (const [start, end] of sorted) {
    if (start < last) continue;
    result += text.slice(last, start) + ' ';
    last = end;
  }
  return result + text.slice(last);
}

const BRACKETED = /\(([^()]*)\)|\[([^[\]]*)\]|\{([^{}]*)\}/g;

/** Removes bracket groups that are pure noise, anywhere in the name. */
export function stripBracketedNoise(name: string): { text: string; noise: NoiseFragment[] } {
  const noise: NoiseFragment[] = [];
  const text = name.replace(BRACKETED, (whole, round?: string, square?: string, curly?: string) => {
    const inner = round ?? square ?? curly ?? '';
    const classified = classifyNoise(inner);
    if (classified === null) return whole;
    noise.push(classified);
    return ' ';
  });
  return { text: text.replace(/\s+/g, ' ').trim(), noise };
}

/**
 * Removes the longest run of noise words at the end ("Age Of Excuse CD", "Hero 2LP gatefold").
 * At least one word always stays: a name that is all noise is not a title.
 */
export function stripTrailingNoise(text: string): { text: string; noise: NoiseFragment | null } {
  const words = text.split(' ').filter((word) => word !== '');
  for (let keep = 1; keep < words.length; keep += 1) {
    const suffix = words.slice(keep).join(' ');
    const classified = classifyNoise(suffix);
    if (classified !== null) {
      return { text: tidySeparators(words.slice(0, keep).join(' ')) ?? words.slice(0, keep).join(' '), noise: classified };
    }
  }
  return { text, noise: null };
}

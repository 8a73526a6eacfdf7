/**
 * Decodes HTML character references without a DOM. WooCommerce names ("Mg&#322;a"), RSS titles
 * and JSON-LD strings arrive entity-encoded, and the parser must not depend on a browser.
 * Unknown named references are left untouched rather than guessed.
 */

// HTML 4 names for U+00A0..U+00FF in code point order; the table is built from their position.
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde ' +
  'Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc ' +
  'Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml ' +
  'aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ' +
  'ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');

const OTHER_NAMES: Record<string, number> = {
  amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27,
  ndash: 0x2013, mdash: 0x2014, horbar: 0x2015, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a,
  ldquo: 0x201c, rdquo: 0x201d, bdquo: 0x201e, hellip: 0x2026, bull: 0x2022, dagger: 0x2020,
  Dagger: 0x2021, prime: 0x2032, Prime: 0x2033, lsaquo: 0x2039, rsaquo: 0x203a, trade: 0x2122,
  euro: 0x20ac, thinsp: 0x2009, ensp: 0x2002, emsp: 0x2003, zwnj: 0x200c, zwj: 0x200d,
  OElig: 0x152, oelig: 0x153, Scaron: 0x160, scaron: 0x161, Yuml: 0x178, fnof: 0x192,
  // Central European letters (HTML5 names) that Polish and Czech shops emit.
  Aogon: 0x104, aogon: 0x105, Cacute: 0x106, cacute: 0x107, Ccaron: 0x10c, ccaron: 0x10d,
  Dcaron: 0x10e, dcaron: 0x10f, Eogon: 0x118, eogon: 0x119, Ecaron: 0x11a, ecaron: 0x11b,
  Lstrok: 0x141, lstrok: 0x142, Nacute: 0x143, nacute: 0x144, Ncaron: 0x147, ncaron: 0x148,
  Rcaron: 0x158, rcaron: 0x159, Sacute: 0x15a, sacute: 0x15b, Tcaron: 0x164, tcaron: 0x165,
  Uring: 0x16e, uring: 0x16f, Zacute: 0x179, zacute: 0x17a, Zdot: 0x17b, zdot: 0x17c,
  Zcaron: 0x17d, zcaron: 0x17e, Odblac: 0x150, odblac: 0x151, Udblac: 0x170, udblac: 0x171,
};

const NAMED: ReadonlyMap<string, string> = new Map([
  ...LATIN1_NAMES.map((name, index) => [name, String.fromCodePoint(0xa0 + index)] as const),
  ...Object.entries(OTHER_NAMES).map(([name, codePoint]) => [name, String.fromCodePoint(codePoint)] as const),
]);

// Windows-1252 punctuation that CMSs emit as numeric references to the C1 range (&#150; for a dash).
const C1_AS_WINDOWS_1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x84: 0x201e, 0x85: 0x2026, 0x8a: 0x160, 0x8c: 0x152, 0x8e: 0x17d,
  0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
  0x99: 0x2122, 0x9a: 0x161, 0x9c: 0x153, 0x9e: 0x17e, 0x9f: 0x178,
};

function fromCodePoint(codePoint: number): string | null {
  const mapped = C1_AS_WINDOWS_1252[codePoint] ?? codePoint;
  if (!Number.isInteger(mapped) || mapped <= 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) {
    return null;
  }
  return String.fromCodePoint(mapped);
}

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10)) ?? whole;
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16)) ?? whole;
    if (name !== undefined) {
      // Names are case-sensitive (&Ouml; vs &ouml;) but sloppy markup writes &AMP; or &NBSP;.
      return NAMED.get(name) ?? NAMED.get(name.toLowerCase()) ?? whole;
    }
    return whole;
  });
}

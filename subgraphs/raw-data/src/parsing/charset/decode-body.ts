import iconv from 'iconv-lite';

/**
 * Turns a fetched body into text. Order of authority follows the HTML standard: byte-order mark,
 * then the Content-Type charset, then <meta charset> / <meta http-equiv> / <?xml encoding?>, then
 * UTF-8. Labels that browsers treat as Windows-1252 (ISO-8859-1, ASCII) are decoded as such, since
 * that is what the shop's own visitors see. Never throws: an unknown label or invalid bytes give
 * a warning and a best-effort text.
 */

export interface DecodedBody {
  text: string;
  /** The charset actually used. */
  charset: string;
  warnings: string[];
}

export interface DecodeOptions {
  /** Look for <meta charset> / XML declarations (HTML, XML); JSON bodies are UTF-8 by RFC 8259. */
  sniffMarkup?: boolean;
}

// WHATWG Encoding Standard aliases for the labels that matter for European shops.
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'l1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'cp1252': 'windows-1252',
  'cp1250': 'windows-1250',
  'x-cp1250': 'windows-1250',
  'iso8859-2': 'iso-8859-2',
  latin2: 'iso-8859-2',
  'l2': 'iso-8859-2',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return match?.[1] ?? null;
}

/** Declared charset in the first bytes of an HTML/XML document (read as Latin-1, which never fails). */
export function charsetFromMarkup(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return meta?.[1] ?? null;
}

function normaliseLabel(label: string): string | null {
  const lower = label.trim().toLowerCase();
  const aliased = LABEL_ALIASES[lower] ?? lower;
  return iconv.encodingExists(aliased) ? aliased : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

export function decodeBody(
  body: string | Uint8Array,
  contentType: string | null | undefined,
  options: DecodeOptions = {},
): DecodedBody {
  if (typeof body === 'string') return { text: body.replace(/^\ufeff/, ''), charset: 'utf-16', warnings: [] };
  const warnings: string[] = [];
  const bom = bomCharset(body);
  if (bom !== null) {
    return { text: iconv.decode(Buffer.from(body.subarray(bom.length)), bom.charset), charset: bom.charset, warnings };
  }

  const declared: { label: string; source: string }[] = [];
  const fromHeader = charsetFromContentType(contentType);
  if (fromHeader !== null) declared.push({ label: fromHeader, source: 'Content-Type header' });
  const fromMarkup = options.sniffMarkup ? charsetFromMarkup(body) : null;
  if (fromMarkup !== null) declared.push({ label: fromMarkup, source: 'document' });

  const candidates: string[] = [];
  for (const { label, source } of declared) {
    const charset = normaliseLabel(label);
    if (charset === null) warnings.push(`unknown charset "${label}" declared in the ${source}; ignored`);
    else if (!candidates.includes(charset)) candidates.push(charset);
  }
  if (!candidates.includes('utf-8')) candidates.push('utf-8');

  const first = candidates[0] ?? 'utf-8';
  const text = iconv.decode(Buffer.from(body), first);
  if (first !== 'utf-8' || !text.includes('\ufffd')) return { text, charset: first, warnings };

  // UTF-8 was declared (or assumed) but the bytes are not UTF-8: a mislabelled legacy page.
  // Prefer another declared charset; if there is none, Windows-1252 is what browsers would use.
  const fallback = candidates.find((c) => c !== 'utf-8') ?? (fromHeader === null && fromMarkup === null ? 'windows-1252' : null);
  if (fallback === null) {
    warnings.push('body is not valid UTF-8 although declared so; invalid bytes were replaced with U+FFFD');
    return { text, charset: first, warnings };
  }
  warnings.push(`body is not valid UTF-8; decoded as ${fallback} instead`);
  return { text: iconv.decode(Buffer.from(body), fallback), charset: fallback, warnings };
}

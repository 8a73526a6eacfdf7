/**
 * JSON as shops actually publish it inside <script> tags: wrapped in HTML comments or CDATA,
 * with trailing commas or raw line breaks inside strings. The cheap repairs only run after a
 * strict parse failed, so valid JSON is never altered.
 */
export type JsonParse = { ok: true; value: unknown; repaired: boolean } | { ok: false; message: string };

export function parseJsonStrict(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown, repaired: false };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export function parseJsonTolerant(text: string): JsonParse {
  const trimmed = text.replace(/^\ufeff/, '').trim();
  if (trimmed === '') return { ok: false, message: 'empty JSON text' };
  const strict = parseJsonStrict(trimmed);
  if (strict.ok) return strict;
  const repaired = trimmed
    .replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$|^<!\[CDATA\[|\]\]>$/g, '')
    .replace(/<!--|-->/g, '')
    .replace(/,\s*([}\]])/g, '$1')
    .trim();
  const second = parseJsonStrict(withoutControlCharacters(repaired));
  return second.ok ? { ...second, repaired: true } : strict;
}

/** Raw line breaks and tabs inside strings are invalid JSON; outside strings they are only whitespace. */
function withoutControlCharacters(text: string): string {
  let result = '';
  for (const char of text) result += char.charCodeAt(0) < 0x20 ? ' ' : char;
  return result;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** String or number field as trimmed text; anything else is null. */
export function textField(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

import { decodeBody } from '../../charset/decode-body.js';
import type { FetchedDocument } from '../../types.js';
import type { ParseResultBuilder } from './result-builder.js';
import { parseJsonStrict } from './tolerant-json.js';

/**
 * Decodes and parses a JSON API response, recording why when it cannot be used (empty body,
 * an HTML error page instead of JSON, invalid JSON). Returns undefined in those cases.
 */
export function loadJson(document: FetchedDocument, builder: ParseResultBuilder): unknown {
  const decoded = decodeBody(document.body, document.contentType);
  for (const warning of decoded.warnings) builder.error('charset problem', warning);
  const text = decoded.text.trim();
  if (text === '') {
    builder.error('empty body', `nothing to parse at ${document.url}`);
    return undefined;
  }
  if (text.startsWith('<')) {
    builder.error('expected JSON but got markup', `the response starts with: ${text.slice(0, 80)}`);
    return undefined;
  }
  const parsed = parseJsonStrict(text);
  if (!parsed.ok) {
    builder.error('invalid JSON', parsed.message);
    return undefined;
  }
  return parsed.value;
}

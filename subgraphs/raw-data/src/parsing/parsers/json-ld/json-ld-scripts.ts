import type { CheerioAPI } from 'cheerio';
import { parseJsonTolerant } from '../shared/tolerant-json.js';
import type { ParseResultBuilder } from '../shared/result-builder.js';

/** Parsed bodies of every <script type="application/ld+json"> (type matched case-insensitively). */
export function readJsonLdScripts($: CheerioAPI, builder: ParseResultBuilder): { values: unknown[]; scriptCount: number } {
  const scripts = $('script')
    .toArray()
    .filter((element) => /^\s*application\/ld\+json\b/i.test($(element).attr('type') ?? ''));
  const values: unknown[] = [];
  scripts.forEach((element, index) => {
    const text = $(element).text();
    const parsed = parseJsonTolerant(text);
    if (parsed.ok) values.push(parsed.value);
    else builder.error(`invalid JSON-LD in script #${index + 1}`, `${parsed.message}; starts with: ${text.trim().slice(0, 80)}`);
  });
  return { values, scriptCount: scripts.length };
}

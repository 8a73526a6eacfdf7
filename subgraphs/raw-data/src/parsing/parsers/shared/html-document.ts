import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { decodeBody } from '../../charset/decode-body.js';
import type { FetchedDocument } from '../../types.js';
import { toAbsoluteUrl } from '../../extract/urls.js';
import type { ParseResultBuilder } from './result-builder.js';

/**
 * Decodes and loads an HTML document, recording charset problems and empty bodies on the
 * builder. Returns null when there is nothing to parse.
 */
export function loadHtml(document: FetchedDocument, builder: ParseResultBuilder): CheerioAPI | null {
  const decoded = decodeBody(document.body, document.contentType, { sniffMarkup: true });
  for (const warning of decoded.warnings) builder.error('charset problem', warning);
  if (decoded.text.trim() === '') {
    builder.error('empty body', `nothing to parse at ${document.url}`);
    return null;
  }
  try {
    return cheerio.load(decoded.text);
  } catch (error) {
    builder.error('HTML could not be loaded', error instanceof Error ? error.message : String(error));
    return null;
  }
}

/** rel="next" in <link> or <a> (HTML standard pagination), optionally a shop-specific selector. */
export function findNextPageLink($: CheerioAPI, baseUrl: string, selector?: string): string | null {
  const candidates = selector ? [selector] : [];
  candidates.push('link[rel~="next"]', 'a[rel~="next"]');
  for (const candidate of candidates) {
    try {
      const href = $(candidate).first().attr('href');
      const url = toAbsoluteUrl(href, baseUrl);
      if (url !== null) return url;
    } catch {
      // An invalid selector in the options is reported by the caller's own selector checks.
    }
  }
  return null;
}

/** Absolute hrefs of the elements a selector matches; an invalid selector is recorded, not thrown. */
export function linksBySelector(
  $: CheerioAPI,
  selector: string,
  baseUrl: string,
  builder: ParseResultBuilder,
): string[] {
  try {
    return $(selector)
      .toArray()
      .map((element) => toAbsoluteUrl($(element).attr('href'), baseUrl))
      .filter((url): url is string => url !== null);
  } catch (error) {
    builder.error(`invalid CSS selector "${selector}"`, error instanceof Error ? error.message : String(error));
    return [];
  }
}

/** Absolute hrefs of every <a> whose URL matches a pattern. */
export function linksByPattern($: CheerioAPI, pattern: RegExp, baseUrl: string): string[] {
  return $('a[href]')
    .toArray()
    .map((element) => toAbsoluteUrl($(element).attr('href'), baseUrl))
    .filter((url): url is string => url !== null && pattern.test(url));
}

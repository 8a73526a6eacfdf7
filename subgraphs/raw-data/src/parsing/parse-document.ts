import type { SourceKind } from '@mrt/events';
import type { z } from 'zod';
import { feedOptionsSchema } from './parsers/feed/feed-options.js';
import { parseFeedDocument } from './parsers/feed/feed-parser.js';
import { htmlOptionsSchema } from './parsers/html/html-options.js';
import { parseHtmlDocument } from './parsers/html/html-parser.js';
import { jsonLdOptionsSchema } from './parsers/json-ld/json-ld-options.js';
import { parseJsonLdDocument } from './parsers/json-ld/json-ld-parser.js';
import { metalArchivesOptionsSchema } from './parsers/metal-archives/metal-archives-options.js';
import { parseMetalArchivesUpcomingDocument } from './parsers/metal-archives/metal-archives-parser.js';
import { bandcampOptionsSchema } from './parsers/bandcamp/bandcamp-options.js';
import { parseBandcampDocument } from './parsers/bandcamp/bandcamp-parser.js';
import { emptyResult } from './parsers/shared/result-builder.js';
import { shopifyOptionsSchema } from './parsers/shopify/shopify-options.js';
import { parseShopifyDocument } from './parsers/shopify/shopify-parser.js';
import { wooCommerceOptionsSchema } from './parsers/woocommerce/woocommerce-options.js';
import { parseWooCommerceDocument } from './parsers/woocommerce/woocommerce-parser.js';
import type { DocumentParser, FetchedDocument, ParseResult } from './types.js';

export const DOCUMENT_PARSERS: Readonly<Record<SourceKind, DocumentParser>> = {
  JSON_LD: parseJsonLdDocument,
  SHOPIFY: parseShopifyDocument,
  WOOCOMMERCE: parseWooCommerceDocument,
  HTML: parseHtmlDocument,
  METAL_ARCHIVES_UPCOMING: parseMetalArchivesUpcomingDocument,
  FEED: parseFeedDocument,
  BANDCAMP: parseBandcampDocument,
};

/** Options schema per source kind, for validating source configuration before any fetch. */
export const SOURCE_OPTIONS_SCHEMAS: Readonly<Record<SourceKind, z.ZodType>> = {
  JSON_LD: jsonLdOptionsSchema,
  SHOPIFY: shopifyOptionsSchema,
  WOOCOMMERCE: wooCommerceOptionsSchema,
  HTML: htmlOptionsSchema,
  METAL_ARCHIVES_UPCOMING: metalArchivesOptionsSchema,
  FEED: feedOptionsSchema,
  BANDCAMP: bandcampOptionsSchema,
};

/**
 * Parses a fetched document with the parser for its source kind. Parsers record problems instead
 * of throwing; this guard turns any bug that still throws into a recorded error, so one odd page
 * can never stop a crawl.
 */
export function parseDocument(kind: SourceKind, document: FetchedDocument): ParseResult {
  const parser = DOCUMENT_PARSERS[kind] as DocumentParser | undefined;
  if (parser === undefined) return emptyResult([{ message: `unknown source kind "${String(kind)}"` }]);
  try {
    return parser(document);
  } catch (error) {
    return emptyResult([
      {
        message: `the ${kind} parser failed unexpectedly`,
        detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      },
    ]);
  }
}

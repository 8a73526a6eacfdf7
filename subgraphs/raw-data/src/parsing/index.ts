export type {
  BandRef,
  DocumentParser,
  FetchedDocument,
  ParsedAnnouncement,
  ParsedListing,
  ParseIssue,
  ParseResult,
  SkippedItem,
} from './types.js';
export { DOCUMENT_PARSERS, parseDocument, SOURCE_OPTIONS_SCHEMAS } from './parse-document.js';
export { entryUrl } from './entry-url.js';

export { parseJsonLdDocument } from './parsers/json-ld/json-ld-parser.js';
export { jsonLdOptionsSchema, type JsonLdOptions } from './parsers/json-ld/json-ld-options.js';
export { parseShopifyDocument } from './parsers/shopify/shopify-parser.js';
export { shopifyOptionsSchema, type ShopifyOptions } from './parsers/shopify/shopify-options.js';
export { parseWooCommerceDocument } from './parsers/woocommerce/woocommerce-parser.js';
export { wooCommerceOptionsSchema, type WooCommerceOptions } from './parsers/woocommerce/woocommerce-options.js';
export { parseHtmlDocument } from './parsers/html/html-parser.js';
export { htmlOptionsSchema, HTML_FIELDS, type HtmlField, type HtmlOptions } from './parsers/html/html-options.js';
export { parseMetalArchivesUpcomingDocument } from './parsers/metal-archives/metal-archives-parser.js';
export { metalArchivesOptionsSchema, type MetalArchivesOptions } from './parsers/metal-archives/metal-archives-options.js';
export { parseBandcampDocument } from './parsers/bandcamp/bandcamp-parser.js';
export { bandcampOptionsSchema, type BandcampOptions } from './parsers/bandcamp/bandcamp-options.js';
export { parseFeedDocument } from './parsers/feed/feed-parser.js';
export { feedOptionsSchema, type FeedOptions } from './parsers/feed/feed-options.js';
export { parseAnnouncementTitle, type AnnouncedRelease } from './parsers/feed/feed-title.js';

export { decodeBody, type DecodedBody } from './charset/decode-body.js';
export { splitReleaseName, splitBandList, UNTITLED_SPLIT_TITLE, type ReleaseNameParts, type BandContext } from './extract/band-title.js';
export { detectFormat, formatFromText, type FormatEvidence } from './extract/format.js';
export { detectNonMusic, type NonMusicEvidence } from './extract/non-music.js';
export { parsePrice, moneyFromDecimal, moneyFromMinorUnits, type PriceExtraction, type PriceOptions } from './extract/price.js';
export { parseStock, stockFromAvailability } from './extract/stock.js';
export { parseReleaseDate, toIsoTimestamp } from './extract/release-date.js';
export { parseReleaseType, releaseTypeFromSchema } from './extract/release-type.js';
export { decodeHtmlEntities } from './extract/html-entities.js';
export { foldForMatching } from './extract/text.js';
export type { Extraction } from './extract/extraction.js';
export { extractStructuredData, type StructuredData } from './structured-data/extract-structured-data.js';
export { collectProductNodes } from './structured-data/product-nodes.js';
export { readJsonLdScripts } from './parsers/json-ld/json-ld-scripts.js';
export { ParseResultBuilder } from './parsers/shared/result-builder.js';

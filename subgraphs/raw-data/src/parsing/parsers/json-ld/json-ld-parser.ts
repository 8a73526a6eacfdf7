import { integerQueryParam, toAbsoluteUrl, withoutFragment, withQueryParam } from '../../extract/urls.js';
import type { FetchedDocument, ParseResult } from '../../types.js';
import { findNextPageLink, linksByPattern, linksBySelector, loadHtml } from '../shared/html-document.js';
import { assembleListing } from '../shared/listing-assembler.js';
import { parseOptions } from '../shared/parse-options.js';
import { emptyResult, ParseResultBuilder } from '../shared/result-builder.js';
import { extractStructuredData } from '../../structured-data/extract-structured-data.js';
import { collectProductNodes } from '../../structured-data/product-nodes.js';
import { jsonLdOptionsSchema } from './json-ld-options.js';
import { candidatesFromProductNode } from './json-ld-product.js';

/**
 * Shop pages with schema.org structured data (JSON-LD, microdata or RDFa): product pages (Product, MusicAlbum, MusicRelease,
 * ProductGroup) give listings; listing pages give listings from an ItemList of products and/or
 * links to product pages (ItemList URLs, productLinkSelector, productUrlPattern).
 */
export function parseJsonLdDocument(document: FetchedDocument): ParseResult {
  const parsedOptions = parseOptions(jsonLdOptionsSchema, document.options);
  if (!parsedOptions.ok) return emptyResult([{ message: parsedOptions.message, detail: parsedOptions.detail }]);
  const options = parsedOptions.options;
  const builder = new ParseResultBuilder(document.url);
  const $ = loadHtml(document, builder);
  if ($ === null) return builder.build();

  const { jsonLd, markup, counts } = extractStructuredData($, document.url, builder);
  // Themes often repeat the JSON-LD product as microdata: JSON-LD, being complete more often, wins.
  const fromJsonLd = collectProductNodes(jsonLd);
  const fromMarkup = collectProductNodes(markup);
  const products = fromJsonLd.products.length > 0 ? fromJsonLd.products : fromMarkup.products;
  const listedUrls = [...fromJsonLd.listedUrls, ...fromMarkup.listedUrls];
  for (const product of products) {
    for (const candidate of candidatesFromProductNode(product, options, document.url, products.length === 1)) {
      const assembled = assembleListing(candidate);
      if (!assembled.ok) {
        builder.skip(assembled.skip);
        continue;
      }
      builder.addListing(assembled.listing);
      assembled.skips.forEach((skip) => builder.skip(skip));
    }
  }

  listedUrls.forEach((url) => builder.addLink(toAbsoluteUrl(url, document.url)));
  if (options.productLinkSelector) {
    linksBySelector($, options.productLinkSelector, document.url, builder).forEach((url) => builder.addLink(withoutFragment(url)));
  }
  if (options.productUrlPattern) {
    const pattern = new RegExp(options.productUrlPattern);
    linksByPattern($, pattern, document.url).forEach((url) => builder.addLink(withoutFragment(url)));
  }

  const linked = findNextPageLink($, document.url, options.nextPageSelector);
  if (linked !== null) builder.setNextPage(linked);
  else if (options.pageParam && builder.foundAnything) {
    const page = integerQueryParam(document.url, options.pageParam, 1);
    builder.setNextPage(withQueryParam(document.url, options.pageParam, String(page + 1)));
  }

  if (!builder.foundAnything) {
    builder.error(
      counts.jsonLdScripts + counts.microdataItems + counts.rdfaNodes === 0 ? 'no JSON-LD found' : 'no product data in JSON-LD',
      `${counts.jsonLdScripts} ld+json script(s), ${counts.microdataItems} microdata item(s), ${counts.rdfaNodes} RDFa node(s) at ${document.url}, none describing a Product, MusicAlbum or MusicRelease, and no product links`,
    );
  }
  return builder.build();
}

import { detectCurrency } from '../../extract/currency.js';
import { parsePrice } from '../../extract/price.js';
import { parseReleaseDate } from '../../extract/release-date.js';
import { parseStock } from '../../extract/stock.js';
import { integerQueryParam, toAbsoluteUrl, withoutFragment, withQueryParam } from '../../extract/urls.js';
import type { FetchedDocument, ParseResult } from '../../types.js';
import { findNextPageLink, linksByPattern, linksBySelector, loadHtml } from '../shared/html-document.js';
import { assembleListing, type ListingCandidate } from '../shared/listing-assembler.js';
import { parseOptions } from '../shared/parse-options.js';
import { emptyResult, ParseResultBuilder } from '../shared/result-builder.js';
import { HtmlFieldReader, type HtmlItem } from './html-fields.js';
import { htmlOptionsSchema, type HtmlField, type HtmlOptions } from './html-options.js';

/**
 * Shops without structured data, read with configured CSS selectors. The same options serve
 * listing pages (one item per product tile, plus product links) and product pages (one item,
 * plus the attribute table); selector lists ("a.product-item-link, h1.page-title") cover both.
 */
export function parseHtmlDocument(document: FetchedDocument): ParseResult {
  const parsedOptions = parseOptions(htmlOptionsSchema, document.options);
  if (!parsedOptions.ok) return emptyResult([{ message: parsedOptions.message, detail: parsedOptions.detail }]);
  const options = parsedOptions.options;
  const builder = new ParseResultBuilder(document.url);
  const $ = loadHtml(document, builder);
  if ($ === null) return builder.build();

  const reader = new HtmlFieldReader($, options, builder);
  const items = reader.findAll(null, options.itemSelector);
  const canonical = toAbsoluteUrl($('link[rel="canonical"]').first().attr('href'), document.url);
  for (const item of items) {
    const candidate = candidateFromItem(item, items.length === 1, reader, options, document.url, canonical);
    const assembled = assembleListing(candidate);
    if (!assembled.ok) builder.skip(assembled.skip);
    else {
      builder.addListing(assembled.listing);
      assembled.skips.forEach((skip) => builder.skip(skip));
    }
  }

  if (options.productLinkSelector) {
    linksBySelector($, options.productLinkSelector, document.url, builder).forEach((url) => builder.addLink(withoutFragment(url)));
  }
  if (options.productUrlPattern) {
    const pattern = new RegExp(options.productUrlPattern);
    linksByPattern($, pattern, document.url).forEach((url) => builder.addLink(withoutFragment(url)));
  }
  const linked = findNextPageLink($, document.url, options.nextPageSelector);
  if (linked !== null) builder.setNextPage(linked);
  else if (options.pageParam && items.length > 0) {
    const page = integerQueryParam(document.url, options.pageParam, 1);
    builder.setNextPage(withQueryParam(document.url, options.pageParam, String(page + 1)));
  }

  if (!builder.foundAnything) {
    builder.error('no items found', `"${options.itemSelector}" matched nothing at ${document.url} and no product links were found`);
  }
  return builder.build();
}

function candidateFromItem(
  item: HtmlItem,
  isOnlyItem: boolean,
  reader: HtmlFieldReader,
  options: HtmlOptions,
  documentUrl: string,
  canonicalUrl: string | null,
): ListingCandidate {
  const table = reader.readAttributeTable(item, isOnlyItem);
  const field = (name: HtmlField): string | null => reader.read(item, name) ?? table[name] ?? null;

  const linkedUrl = toAbsoluteUrl(field('url'), documentUrl);
  // A product page's single item is the page itself; listing tiles must link somewhere.
  const url = linkedUrl ?? (isOnlyItem ? (canonicalUrl ?? documentUrl) : null);
  const sku = field('sku');
  const currencyText = field('currency');
  const detectedCurrency = currencyText === null ? null : detectCurrency(currencyText, options.currency ?? null);
  const defaultCurrency = detectedCurrency?.kind === 'found' ? detectedCurrency.currency : (options.currency ?? null);
  const priceText = field('price');
  const stockText = field('stock');
  const band = field('band');

  return {
    externalId: options.externalIdFrom === 'sku' ? (sku ?? url) : url && withoutFragment(url),
    url,
    name: field('fullName'),
    title: field('title'),
    bands: band === null ? [] : [band],
    formatEvidence: { attributes: [reader.read(item, 'format'), table.format] },
    releaseTypeTexts: [field('releaseType')],
    price: priceText === null ? null : parsePrice(priceText, { defaultCurrency }),
    stock: stockText === null ? options.defaultStock : parseStock(stockText),
    sku,
    label: field('label'),
    releaseDate: parseReleaseDate(field('releaseDate')),
    genre: field('genre'),
    coverUrl: toAbsoluteUrl(field('image'), documentUrl),
    raw: reader.outerHtml(item),
  };
}

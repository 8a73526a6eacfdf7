import { extractLabeledValues } from '../../extract/labeled-values.js';
import { genreFromTexts } from '../../extract/genre.js';
import { moneyFromMinorUnits, isKnownCurrency } from '../../extract/price.js';
import { parseReleaseDate } from '../../extract/release-date.js';
import { parseStock, stockFromAvailability } from '../../extract/stock.js';
import { cleanEncodedText, foldCharwise, htmlToText } from '../../extract/text.js';
import { integerQueryParam, toAbsoluteUrl, withQueryParam } from '../../extract/urls.js';
import type { FetchedDocument, ParseResult, StockStatus } from '../../types.js';
import { loadJson } from '../shared/json-document.js';
import { assembleListing, type ListingCandidate } from '../shared/listing-assembler.js';
import { parseOptions } from '../shared/parse-options.js';
import { emptyResult, ParseResultBuilder } from '../shared/result-builder.js';
import { asArray, isRecord, textField } from '../shared/tolerant-json.js';
import { wooCommerceOptionsSchema, type WooCommerceOptions } from './woocommerce-options.js';

type JsonObject = Record<string, unknown>;

/**
 * WooCommerce Store API, /wp-json/wc/store/v1/products?per_page=100&page=N. Prices are integer
 * strings in minor units and names are HTML-entity-encoded ("Mg&#322;a &#8211; …").
 */
export function parseWooCommerceDocument(document: FetchedDocument): ParseResult {
  const parsedOptions = parseOptions(wooCommerceOptionsSchema, document.options);
  if (!parsedOptions.ok) return emptyResult([{ message: parsedOptions.message, detail: parsedOptions.detail }]);
  const options = parsedOptions.options;
  const builder = new ParseResultBuilder(document.url);
  const json = loadJson(document, builder);
  if (json === undefined) return builder.build();

  if (!Array.isArray(json)) {
    // WordPress reports errors as {"code": "...", "message": "..."}.
    const message = isRecord(json) ? textField(json['message']) : null;
    builder.error('not a WooCommerce Store API product list', message ?? 'expected a JSON array of products');
    return builder.build();
  }

  json.forEach((product, index) => {
    if (!isRecord(product)) {
      builder.skip({ reason: `invalid-item: item ${index} is not an object` });
      return;
    }
    const assembled = assembleListing(candidateFromProduct(product, options, document.url));
    if (!assembled.ok) builder.skip(assembled.skip);
    else {
      builder.addListing(assembled.listing);
      assembled.skips.forEach((skip) => builder.skip(skip));
    }
  });

  if (json.length > 0) {
    const page = integerQueryParam(document.url, 'page', 1);
    builder.setNextPage(withQueryParam(document.url, 'page', String(page + 1)));
  }
  return builder.build();
}

function candidateFromProduct(product: JsonObject, options: WooCommerceOptions, documentUrl: string): ListingCandidate {
  const attributes = attributesOf(product);
  const valuesOf = (names: readonly string[]): string[] => {
    const wanted = names.map((name) => foldCharwise(name));
    return attributes.filter((a) => wanted.includes(foldCharwise(a.name))).flatMap((a) => a.values);
  };
  const categories = namesOf(product['categories']);
  const tags = namesOf(product['tags']);
  const description = extractLabeledValues(
    htmlToText(`${textField(product['short_description']) ?? ''}\n${textField(product['description']) ?? ''}`),
  );
  const url = toAbsoluteUrl(product['permalink'], documentUrl);
  const images = asArray(product['images']).filter(isRecord);

  return {
    externalId: textField(product['id']) ?? url,
    url,
    name: cleanEncodedText(product['name']),
    bands: valuesOf(options.bandAttributes),
    formatEvidence: { attributes: valuesOf(options.formatAttributes), categories, tags },
    nonMusicEvidence: { categories, tags },
    releaseTypeTexts: [description.releaseType, ...categories, ...tags],
    price: priceOf(product, options),
    stock: stockOf(product, [...categories, ...tags]),
    sku: cleanEncodedText(product['sku']),
    label: valuesOf(options.labelAttributes)[0] ?? description.label ?? null,
    releaseDate: parseReleaseDate(valuesOf(options.releaseDateAttributes)[0] ?? description.releaseDate ?? null),
    genre: valuesOf(options.genreAttributes).join(', ') || genreFromTexts(categories) || description.genre || null,
    coverUrl: toAbsoluteUrl(textField(images[0]?.['src']), documentUrl),
    raw: product,
  };
}

function priceOf(product: JsonObject, options: WooCommerceOptions): ListingCandidate['price'] {
  const prices = isRecord(product['prices']) ? product['prices'] : null;
  if (prices === null) return null;
  const code = textField(prices['currency_code']);
  const currency = isKnownCurrency(code) ? code : (options.currency ?? null);
  const minorUnit = typeof prices['currency_minor_unit'] === 'number' ? prices['currency_minor_unit'] : 2;
  // Variable products show a range; the lowest price is what the cheapest variation costs.
  const range = isRecord(prices['price_range']) ? prices['price_range'] : null;
  return moneyFromMinorUnits(textField(range?.['min_amount']) ?? textField(prices['price']), minorUnit, currency);
}

/** Stock wording first (it can say "Przedsprzedaż"), then the CSS class, then the boolean. */
function stockOf(product: JsonObject, categoriesAndTags: readonly string[]): StockStatus {
  const availability = isRecord(product['stock_availability']) ? product['stock_availability'] : null;
  const fromText = parseStock(cleanEncodedText(availability?.['text']));
  const fromClass = parseStock(textField(availability?.['class']));
  const inStock = typeof product['is_in_stock'] === 'boolean' ? product['is_in_stock'] : null;
  const stock = fromText !== 'UNKNOWN' ? fromText : fromClass !== 'UNKNOWN' ? fromClass : stockFromAvailability(inStock);
  // Woo has no pre-order state; shops file pre-orders under a category or tag.
  const preOrder = categoriesAndTags.some((name) => parseStock(name) === 'PRE_ORDER');
  return preOrder && stock !== 'OUT_OF_STOCK' ? 'PRE_ORDER' : stock;
}

function namesOf(value: unknown): string[] {
  return asArray(value)
    .map((entry) => (isRecord(entry) ? cleanEncodedText(entry['name']) : null))
    .filter((name): name is string => name !== null);
}

function attributesOf(product: JsonObject): { name: string; values: string[] }[] {
  return asArray(product['attributes'])
    .filter(isRecord)
    .map((attribute) => ({
      name: cleanEncodedText(attribute['name']) ?? '',
      values: namesOf(attribute['terms']),
    }));
}

import { removeFormatWords } from '../../extract/format.js';
import { extractLabeledValues } from '../../extract/labeled-values.js';
import { detectNonMusic } from '../../extract/non-music.js';
import { genreFromTexts } from '../../extract/genre.js';
import { moneyFromDecimal } from '../../extract/price.js';
import { parseReleaseDate } from '../../extract/release-date.js';
import { parseStock, stockFromAvailability } from '../../extract/stock.js';
import { cleanEncodedText, htmlToText } from '../../extract/text.js';
import { integerQueryParam, toAbsoluteUrl, withQueryParam } from '../../extract/urls.js';
import type { FetchedDocument, ParseResult, StockStatus } from '../../types.js';
import { loadJson } from '../shared/json-document.js';
import { assembleListing, type ListingCandidate } from '../shared/listing-assembler.js';
import { parseOptions } from '../shared/parse-options.js';
import { emptyResult, ParseResultBuilder } from '../shared/result-builder.js';
import { plainTags, tagValues } from '../shared/tags.js';
import { asArray, isRecord, textField } from '../shared/tolerant-json.js';
import { shopifyOptionsSchema, type ShopifyOptions } from './shopify-options.js';

type JsonObject = Record<string, unknown>;

/**
 * Shopify's public catalogue, /products.json?limit=250&page=N. One listing per variant that is a
 * music format, because "CD" and "LP - Black" of one product are different offers with their own
 * price and stock. A product whose only variant is "Default Title" takes its format from the
 * title, product_type and tags.
 */
export function parseShopifyDocument(document: FetchedDocument): ParseResult {
  const parsedOptions = parseOptions(shopifyOptionsSchema, document.options);
  if (!parsedOptions.ok) return emptyResult([{ message: parsedOptions.message, detail: parsedOptions.detail }]);
  const options = parsedOptions.options;
  const builder = new ParseResultBuilder(document.url);
  const json = loadJson(document, builder);
  if (json === undefined) return builder.build();

  const products = isRecord(json) ? json['products'] : undefined;
  if (!Array.isArray(products)) {
    builder.error('not a Shopify products.json page', 'expected an object with a "products" array');
    return builder.build();
  }

  products.forEach((product, index) => {
    if (!isRecord(product)) {
      builder.skip({ reason: `invalid-item: products[${index}] is not an object` });
      return;
    }
    // Merch is recognised once per product: a T-shirt in four sizes is one skip, not four.
    const merch = nonMusicReason(product);
    if (merch !== null) {
      builder.skip({ ...productLocation(product, document.url), reason: merch });
      return;
    }
    for (const candidate of candidatesFromProduct(product, options, document.url)) {
      const assembled = assembleListing(candidate);
      if (!assembled.ok) builder.skip(assembled.skip);
      else {
        builder.addListing(assembled.listing);
        assembled.skips.forEach((skip) => builder.skip(skip));
      }
    }
  });

  // Shopify answers past the last page with an empty list, so a page with products means "try the next".
  if (products.length > 0) {
    const page = integerQueryParam(document.url, 'page', 1);
    builder.setNextPage(withQueryParam(document.url, 'page', String(page + 1)));
  }
  return builder.build();
}

function productLocation(product: JsonObject, documentUrl: string): { externalId?: string; url?: string } {
  const id = textField(product['id']) ?? textField(product['handle']);
  const handle = textField(product['handle']);
  const url = handle ? toAbsoluteUrl(`/products/${encodeURIComponent(handle)}`, documentUrl) : null;
  return { ...(id ? { externalId: id } : {}), ...(url ? { url } : {}) };
}

function nonMusicReason(product: JsonObject): string | null {
  const variants = asArray(product['variants']).filter(isRecord);
  return detectNonMusic({
    name: cleanEncodedText(product['title']) ?? '',
    productType: cleanEncodedText(product['product_type']),
    tags: tagsOf(product['tags']),
    variantOptions: variants.flatMap((variant) => variantOptionValues(variant)).filter((v) => !/^default title$/i.test(v)),
  });
}

function candidatesFromProduct(product: JsonObject, options: ShopifyOptions, documentUrl: string): ListingCandidate[] {
  const productId = textField(product['id']);
  const handle = textField(product['handle']);
  const title = cleanEncodedText(product['title']);
  const vendor = cleanEncodedText(product['vendor']);
  const productType = cleanEncodedText(product['product_type']);
  const tags = tagsOf(product['tags']);
  const keywords = plainTags(tags, [options.labelTagPrefix, options.genreTagPrefix, options.releaseDateTagPrefix]);
  const description = extractLabeledValues(htmlToText(textField(product['body_html']) ?? ''));
  const productUrl = handle ? toAbsoluteUrl(`/products/${encodeURIComponent(handle)}`, documentUrl) : null;
  const images = asArray(product['images']).filter(isRecord);
  const productImage = textField(images[0]?.['src']);
  const variants = asArray(product['variants']).filter(isRecord);
  const allOptions = variants.flatMap((variant) => variantOptionValues(variant));
  const isDefaultOnly = variants.length <= 1 && allOptions.every((value) => /^default title$/i.test(value));
  const tagStock = keywords.map((tag) => parseStock(tag)).find((status) => status === 'PRE_ORDER');

  const shared = {
    name: title,
    vendor: options.vendorRole === 'band' ? vendor : null,
    label: tagValues(tags, options.labelTagPrefix)[0] ?? description.label ?? (options.vendorRole === 'label' ? vendor : null),
    genre: tagValues(tags, options.genreTagPrefix).join(', ') || genreFromTexts(keywords) || description.genre || null,
    releaseDate: parseReleaseDate(tagValues(tags, options.releaseDateTagPrefix)[0] ?? description.releaseDate ?? null),
    releaseTypeTexts: [description.releaseType, productType, ...keywords],
    nonMusicEvidence: { productType, tags: keywords, variantOptions: isDefaultOnly ? [] : allOptions },
  };

  if (variants.length === 0) {
    return [
      {
        ...shared,
        externalId: productId ?? handle,
        url: productUrl,
        formatEvidence: { attributes: [description.format], categories: [productType], tags: keywords },
        price: null,
        stock: 'UNKNOWN',
        coverUrl: toAbsoluteUrl(productImage, documentUrl),
        raw: product,
      },
    ];
  }

  return variants.map((variant) => {
    const variantId = textField(variant['id']);
    const optionValues = isDefaultOnly ? [] : variantOptionValues(variant);
    const featured = isRecord(variant['featured_image']) ? textField(variant['featured_image']['src']) : null;
    const url = isDefaultOnly || !variantId ? productUrl : productUrl && withQueryParam(productUrl, 'variant', variantId);
    return {
      ...shared,
      // Variant ids survive title edits and re-ordering; the product id is the fallback.
      externalId: variantId ?? productId ?? handle,
      url,
      formatEvidence: {
        attributes: [description.format],
        variantOptions: optionValues,
        categories: [productType],
        tags: keywords,
      },
      variantLabel: optionValues.map((value) => removeFormatWords(value)).filter((v) => v !== null).join(', ') || null,
      price: moneyFromDecimal(textField(variant['price']), options.currency),
      stock: withPreOrder(stockFromAvailability(typeof variant['available'] === 'boolean' ? variant['available'] : null), tagStock),
      sku: textField(variant['sku']),
      coverUrl: toAbsoluteUrl(featured ?? productImage, documentUrl),
      raw: product,
    } satisfies ListingCandidate;
  });
}

function variantOptionValues(variant: JsonObject): string[] {
  const values = ['option1', 'option2', 'option3']
    .map((key) => textField(variant[key]))
    .filter((value): value is string => value !== null);
  const title = textField(variant['title']);
  return values.length > 0 ? values : title !== null ? [title] : [];
}

/** products.json gives tags as an array; older themes and exports as one comma-separated string. */
function tagsOf(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(',') : asArray(value);
  return list.map((tag) => (typeof tag === 'string' ? tag.trim() : '')).filter((tag) => tag !== '');
}

/** Shopify has no pre-order state: shops tag the product, and an available pre-order is still "available". */
function withPreOrder(stock: StockStatus, tagStock: StockStatus | undefined): StockStatus {
  return tagStock === 'PRE_ORDER' && stock === 'IN_STOCK' ? 'PRE_ORDER' : stock;
}

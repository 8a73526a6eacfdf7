import { fieldForLabel, extractLabeledValues } from '../../extract/labeled-values.js';
import { isDigitalFormat, removeFormatWords } from '../../extract/format.js';
import { moneyFromDecimal, isKnownCurrency } from '../../extract/price.js';
import { parseReleaseDate } from '../../extract/release-date.js';
import { releaseTypeFromSchema } from '../../extract/release-type.js';
import { parseStock } from '../../extract/stock.js';
import { cleanEncodedText, htmlToText } from '../../extract/text.js';
import { toAbsoluteUrl } from '../../extract/urls.js';
import type { ListingCandidate } from '../shared/listing-assembler.js';
import { asArray, isRecord, textField } from '../shared/tolerant-json.js';
import type { JsonLdOptions } from './json-ld-options.js';
import { imageUrlOf, nameOf, namesOf, type JsonObject, type ProductNode } from './json-ld-nodes.js';

interface OfferFacts {
  price: unknown;
  currency: string | null;
  availability: string | null;
  url: string | null;
  sku: string | null;
  name: string | null;
  availabilityStarts: string | null;
}

/** Offer, array of Offers or AggregateOffer (with or without its own offers) as a flat list. */
function offersOf(value: unknown): OfferFacts[] {
  const offers: OfferFacts[] = [];
  for (const entry of asArray(value)) {
    if (!isRecord(entry)) continue;
    const nested = asArray(entry['offers']).filter(isRecord);
    if (nested.length > 0) {
      offers.push(...offersOf(nested));
      continue;
    }
    const specification = asArray(entry['priceSpecification']).find(isRecord);
    offers.push({
      // AggregateOffer without offers: the lowest price is what a buyer pays at least.
      price: entry['price'] ?? entry['lowPrice'] ?? specification?.['price'],
      currency: textField(entry['priceCurrency']) ?? textField(specification?.['priceCurrency']),
      availability: textField(entry['availability']),
      url: textField(entry['url']),
      sku: textField(entry['sku']),
      name: textField(entry['name']),
      availabilityStarts: textField(entry['availabilityStarts']),
    });
  }
  return offers;
}

function scalarPrice(value: unknown): string | number | null {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/** The first non-null value of a field across the node and the things it belongs to. */
function firstOf(sources: readonly (JsonObject | null)[], key: string): unknown {
  for (const source of sources) {
    const value = source?.[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function additionalProperties(node: JsonObject): Map<string, string> {
  const properties = new Map<string, string>();
  for (const property of asArray(node['additionalProperty'])) {
    if (!isRecord(property)) continue;
    const field = fieldForLabel(textField(property['name']) ?? '');
    const value = textField(property['value']);
    if (field !== null && value !== null && !properties.has(field)) properties.set(field, value);
  }
  return properties;
}

export function candidatesFromProductNode(
  { node, parent }: ProductNode,
  options: JsonLdOptions,
  documentUrl: string,
  onlyProductOnPage: boolean,
): ListingCandidate[] {
  const album = isRecord(node['releaseOf']) ? node['releaseOf'] : null;
  const sources = [node, album, parent];
  const properties = additionalProperties(node);
  const description = extractLabeledValues(htmlToText(textField(firstOf(sources, 'description')) ?? ''));

  const name = cleanEncodedText(textField(node['name']) ?? nameOf(album) ?? textField(parent?.['name']));
  const bands = namesOf(firstOf(sources, 'byArtist')).map((band) => cleanEncodedText(band) ?? band);
  const brand = cleanEncodedText(nameOf(firstOf(sources, 'brand')));
  const label =
    cleanEncodedText(nameOf(firstOf(sources, 'recordLabel'))) ??
    properties.get('label') ??
    description.label ??
    (options.brandRole === 'label' ? brand : null);
  const formats = asArray(firstOf(sources, 'musicReleaseFormat')).filter((f): f is string => typeof f === 'string');
  const categories = asArray(firstOf(sources, 'category')).map((c) => (isRecord(c) ? textField(c['name']) : textField(c)));
  const genre = namesOf(firstOf(sources, 'genre')).join(', ') || properties.get('genre') || description.genre || null;
  const releaseDateText =
    textField(firstOf(sources, 'releaseDate')) ??
    textField(firstOf(sources, 'datePublished')) ??
    properties.get('releaseDate') ??
    description.releaseDate ??
    null;
  const releaseType =
    releaseTypeFromSchema(textField(firstOf(sources, 'albumReleaseType'))) ??
    releaseTypeFromSchema(textField(firstOf(sources, 'albumProductionType')));
  const nodeUrl = textField(node['url']) ?? (/^https?:/.test(textField(node['@id']) ?? '') ? textField(node['@id']) : null);
  const pageUrl = nodeUrl ?? textField(parent?.['url']) ?? (onlyProductOnPage ? documentUrl : null);
  const coverUrl = toAbsoluteUrl(imageUrlOf(firstOf(sources, 'image')), documentUrl);
  const productSku = textField(node['sku']) ?? textField(node['productID']) ?? textField(node['mpn']);

  const offers = offersOf(node['offers'] ?? parent?.['offers']);
  const distinctOffers = new Set(offers.map((offer) => offer.sku ?? offer.url ?? offer.name)).size === offers.length;
  const perOffer = offers.length > 1 && distinctOffers ? offers : [offers[0] ?? null];

  return perOffer.map((offer, index) => {
    const url = toAbsoluteUrl(offer?.url ?? pageUrl, documentUrl);
    const sku = offer?.sku ?? productSku;
    const currency = isKnownCurrency(offer?.currency) ? offer.currency : (options.currency ?? null);
    const externalId = sku ?? (perOffer.length > 1 ? `${url ?? documentUrl}#offer-${index + 1}` : url);
    return {
      externalId,
      url,
      name,
      bands,
      vendor: options.brandRole === 'band' ? brand : null,
      formatEvidence: {
        attributes: [...formats, properties.get('format'), description.format],
        variantOptions: perOffer.length > 1 ? [offer?.name] : [],
        categories,
      },
      nonMusicEvidence: { categories },
      notPhysicalReason: formats.length > 0 && formats.every(isDigitalFormat) ? 'not-physical: digital release' : null,
      releaseType,
      releaseTypeTexts: [properties.get('releaseType'), description.releaseType, ...categories],
      price: offer === null ? null : moneyFromDecimal(scalarPrice(offer.price), currency),
      stock: parseStock(offer?.availability),
      variantLabel: perOffer.length > 1 && offer?.name && offer.name !== name ? removeFormatWords(offer.name) : null,
      sku,
      label,
      releaseDate: parseReleaseDate(releaseDateText ?? offer?.availabilityStarts ?? null),
      genre,
      coverUrl,
      raw: node,
    } satisfies ListingCandidate;
  });
}

import { fieldForLabel, extractLabeledValues } from '../../extract/labeled-values.js';
import { isDigitalFormat, removeFormatWords } from '../../extract/format.js';
import { moneyFromDecimal, isKnownCurrency } from '../../extract/price.js';
import { parseReleaseDate } from '../../extract/release-date.js';
import { releaseTypeFromSchema } from '../../extract/release-type.js';
import { parseStock } from '../../extract/stock.js';
import { cleanEncodedText, foldForMatching, htmlToText } from '../../extract/text.js';
import { toAbsoluteUrl, withoutFragment } from '../../extract/urls.js';
import type { ListingCandidate } from '../shared/listing-assembler.js';
import { asArray, isRecord, textField } from '../shared/tolerant-json.js';
import type { JsonLdOptions } from './json-ld-options.js';
import { imageUrlOf, nameOf, namesOf, type JsonObject, type ProductNode } from '../../structured-data/product-nodes.js';

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
    // UnitPriceSpecification lists may start with a strike-through "list price": the first one with a price that is not one wins.
    const specifications = asArray(entry['priceSpecification']).filter(isRecord);
    const specification =
      specifications.find((spec) => spec['price'] !== undefined && !/ListPrice|StrikethroughPrice|MSRP/i.test(textField(spec['priceType']) ?? '')) ??
      specifications[0];
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

  // byArtist names the band; `author` is what some shops and CMS plugins fill instead.
  const bands = namesOf(firstOf(sources, 'byArtist') ?? firstOf(sources, 'author')).map((band) => cleanEncodedText(band) ?? band);
  const brand = cleanEncodedText(nameOf(firstOf(sources, 'brand')));
  const { name, releaseLabel, ownName } = releaseName(node, album ?? parent);
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
  // An absolute @id names the node; without its fragment ("…/necropalace#lp") it is the page.
  const absoluteId = toAbsoluteUrl(textField(node['@id']), documentUrl);
  const nodeId = absoluteId !== null && /^https?:/.test(absoluteId) ? absoluteId : null;
  const nodeUrl = textField(node['url']) ?? (nodeId === null ? null : withoutFragment(nodeId));
  // A release or variant of the page's album or product group is sold on that page.
  const pageUrl = nodeUrl ?? textField(parent?.['url']) ?? (onlyProductOnPage || parent !== null ? documentUrl : null);
  const coverUrl = toAbsoluteUrl(imageUrlOf(firstOf(sources, 'image')), documentUrl);
  const productSku = textField(node['sku']) ?? textField(node['productID']) ?? textField(node['mpn']);

  const offers = offersOf(node['offers'] ?? parent?.['offers']);
  const distinctOffers = new Set(offers.map((offer) => offer.sku ?? offer.url ?? offer.name)).size === offers.length;
  const perOffer = offers.length > 1 && distinctOffers ? offers : [offers[0] ?? null];

  return perOffer.map((offer, index) => {
    const url = toAbsoluteUrl(offer?.url ?? pageUrl, documentUrl);
    const sku = offer?.sku ?? productSku;
    const currency = isKnownCurrency(offer?.currency) ? offer.currency : (options.currency ?? null);
    // Releases of one album share its page: their @id (with its fragment) tells them apart.
    const ownId = parent !== null && nodeId !== null && nodeId !== url ? nodeId : null;
    const externalId = sku ?? (perOffer.length > 1 ? `${url ?? documentUrl}#offer-${index + 1}` : (ownId ?? url));
    return {
      externalId,
      url,
      name,
      bands,
      vendor: options.brandRole === 'band' ? brand : null,
      formatEvidence: {
        attributes: [...formats, properties.get('format'), description.format],
        variantOptions: [ownName, ...(perOffer.length > 1 ? [offer?.name] : [])],
        categories,
      },
      // A release named only by itself ("Logo Longsleeve") gives merch away by that name.
      nonMusicEvidence: { categories: [...categories, ownName] },
      notPhysicalReason: formats.length > 0 && formats.every(isDigitalFormat) ? 'not-physical: digital release' : null,
      releaseType,
      releaseTypeTexts: [properties.get('releaseType'), description.releaseType, ...categories],
      price: offer === null ? null : moneyFromDecimal(scalarPrice(offer.price), currency),
      stock: parseStock(offer?.availability),
      variantLabel:
        releaseLabel ?? (perOffer.length > 1 && offer?.name && offer.name !== name ? removeFormatWords(offer.name) : null),
      sku,
      label,
      releaseDate: parseReleaseDate(releaseDateText ?? offer?.availabilityStarts ?? null),
      genre,
      coverUrl,
      raw: node,
    } satisfies ListingCandidate;
  });
}

/**
 * A release or variant is named either in full ("Algleymi (LP)") or only by what sets it apart
 * ("Limited gold vinyl", as Bandcamp names packages): in the second case the album's (or product
 * group's) name is the title and the node's own name becomes the variant.
 */
function releaseName(
  node: JsonObject,
  owner: JsonObject | null,
): { name: string | null; releaseLabel: string | null; ownName: string | null } {
  const own = cleanEncodedText(textField(node['name']));
  const ownerName = cleanEncodedText(nameOf(owner));
  if (own === null || ownerName === null) return { name: own ?? ownerName, releaseLabel: null, ownName: null };
  const distinct = removeFormatWords(own);
  const sameRelease =
    foldForMatching(own).includes(foldForMatching(ownerName)) ||
    (distinct !== null && foldForMatching(ownerName).includes(foldForMatching(distinct)));
  return sameRelease ? { name: own, releaseLabel: null, ownName: null } : { name: ownerName, releaseLabel: distinct, ownName: own };
}

import { asArray, isRecord, textField } from '../parsers/shared/tolerant-json.js';
import { hasType, idOf, typesOf, type JsonObject } from './node-graph.js';

/**
 * Walks schema.org graphs (after embedReferences) and collects the nodes that describe something
 * for sale, plus product URLs listed without details. Shapes seen on shop pages:
 * - a Product / MusicAlbum / MusicRelease at the top, in `@graph`, or as a WebPage's `mainEntity`;
 * - a ProductGroup (or any product) with `hasVariant` variants, each with its own offers;
 * - a MusicAlbum whose `albumRelease` formats (CD, LP) carry the offers, or whose `workExample`
 *   lists the products;
 * - a MusicRecording (track page): not a release itself, the album it is `inAlbum` is;
 * - an ItemList whose `item`s are products or product URLs;
 * - an Offer whose `itemOffered` is the product.
 */

export type { JsonObject };

export interface ProductNode {
  node: JsonObject;
  /** The ProductGroup or MusicAlbum the node belongs to, whose fields it inherits. */
  parent: JsonObject | null;
}

const PRODUCT_TYPES = new Set(['product', 'musicalbum', 'musicrelease', 'individualproduct', 'productmodel', 'book', 'someproducts']);
/** Things that are never the release on sale, whatever offers they carry. */
const NOT_RELEASES = new Set(['musicrecording', 'musiccomposition', 'musicgroup', 'person', 'organization', 'offer', 'aggregateoffer']);
/** Where a container node may hold the product. */
const CONTAINER_KEYS = ['@graph', 'mainEntity', 'mainEntityOfPage', 'hasPart', 'about', 'itemListElement', 'workExample', 'subjectOf'];
const MAX_DEPTH = 16;

export { typesOf };

const isProduct = (node: JsonObject): boolean => {
  const types = typesOf(node);
  return types.some((type) => PRODUCT_TYPES.has(type)) && !types.some((type) => NOT_RELEASES.has(type) && !PRODUCT_TYPES.has(type));
};
const sells = (node: unknown): node is JsonObject => isRecord(node) && node['offers'] !== undefined && node['offers'] !== null;

export function collectProductNodes(values: unknown[]): { products: ProductNode[]; listedUrls: string[] } {
  const products: ProductNode[] = [];
  const listedUrls: string[] = [];
  const seen = new Set<unknown>();
  // The same node reached twice (listed in @graph and referenced as mainEntity) is one product.
  const seenIds = new Set<string>();
  const push = (node: JsonObject, parent: JsonObject | null) => {
    const id = idOf(node);
    const key = id === null ? null : `${id} ${idOf(parent ?? {}) ?? ''}`;
    if (key !== null && seenIds.has(key)) return;
    if (key !== null) seenIds.add(key);
    products.push({ node, parent });
  };

  const visitProduct = (value: JsonObject): void => {
    const variants = asArray(value['hasVariant']).filter(isRecord);
    if (hasType(value, 'productgroup') || variants.length > 0) {
      if (variants.length === 0) push(value, null);
      variants.forEach((variant) => push(variant, value));
      return;
    }
    // A MusicAlbum sells through its releases (CD, LP) or the products of its work examples.
    const releases = asArray(value['albumRelease']).filter(sells);
    const examples = asArray(value['workExample']).filter((example): example is JsonObject => sells(example) && isProduct(example));
    if (!sells(value) && releases.length + examples.length > 0) {
      [...releases, ...examples].forEach((release) => push(release, value));
      return;
    }
    push(value, null);
  };

  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || seen.has(value)) return;
    if (Array.isArray(value)) {
      value.forEach((item) => visit(item, depth + 1));
      return;
    }
    if (!isRecord(value)) return;
    seen.add(value);
    if (isProduct(value) || hasType(value, 'productgroup')) {
      visitProduct(value);
      return;
    }
    if (hasType(value, 'musicrecording')) {
      // A track page: the offers that matter are the album's (a track's own offer is a download).
      if (value['inAlbum'] !== undefined) visit(value['inAlbum'], depth + 1);
      return;
    }
    if (hasType(value, 'offer') && isRecord(value['itemOffered'])) {
      const { itemOffered, ...offer } = value;
      const product = itemOffered as JsonObject;
      if (isProduct(product)) push({ ...product, offers: product['offers'] ?? offer }, null);
      return;
    }
    if (hasType(value, 'itemlist')) {
      for (const element of asArray(value['itemListElement'])) visitListElement(element, depth);
      return;
    }
    for (const key of CONTAINER_KEYS) {
      if (value[key] !== undefined) visit(value[key], depth + 1);
    }
  };

  const visitListElement = (element: unknown, depth: number): void => {
    if (typeof element === 'string') {
      listedUrls.push(element);
      return;
    }
    if (!isRecord(element)) return;
    const item = element['item'];
    if (isRecord(item) && (isProduct(item) || hasType(item, 'productgroup') || hasType(item, 'musicrecording'))) {
      visit(item, depth + 1);
    } else if (isProduct(element) || hasType(element, 'productgroup')) {
      visit(element, depth + 1);
    } else {
      const url = textField(item) ?? (isRecord(item) ? (textField(item['url']) ?? textField(item['@id'])) : null) ?? textField(element['url']);
      if (url !== null) listedUrls.push(url);
    }
  };

  values.forEach((value) => visit(value, 0));
  return { products, listedUrls };
}

/** Name of a Thing given as a string, an object with name, or the first of an array. */
export function nameOf(value: unknown): string | null {
  for (const entry of asArray(value)) {
    const name = isRecord(entry) ? textField(entry['name']) : textField(entry);
    if (name !== null) return name;
  }
  return null;
}

/** Names of all Things in a value (byArtist may list several artists). */
export function namesOf(value: unknown): string[] {
  return asArray(value)
    .map((entry) => (isRecord(entry) ? textField(entry['name']) : textField(entry)))
    .filter((name): name is string => name !== null);
}

/** URL of an image given as a string, an ImageObject or an array of either. */
export function imageUrlOf(value: unknown): string | null {
  for (const entry of asArray(value)) {
    const url = isRecord(entry) ? (textField(entry['url']) ?? textField(entry['contentUrl'])) : textField(entry);
    if (url !== null) return url;
  }
  return null;
}

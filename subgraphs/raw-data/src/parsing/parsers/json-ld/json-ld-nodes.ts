import { asArray, isRecord, textField } from '../shared/tolerant-json.js';

/**
 * Walks JSON-LD graphs (arrays, @graph, ItemList, WebPage.mainEntity) and collects the nodes that
 * describe something for sale, plus product URLs listed without details.
 */

export type JsonObject = Record<string, unknown>;

export interface ProductNode {
  node: JsonObject;
  /** The ProductGroup or MusicAlbum the node belongs to, whose fields it inherits. */
  parent: JsonObject | null;
}

const PRODUCT_TYPES = new Set(['product', 'musicalbum', 'musicrelease', 'individualproduct', 'productmodel', 'book']);

/** Bare lower-case type names: "Product", "schema:Product" and "https://schema.org/Product" alike. */
export function typesOf(node: JsonObject): string[] {
  return asArray(node['@type'])
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[/#:]/, '').toLowerCase());
}

const hasType = (node: JsonObject, type: string): boolean => typesOf(node).includes(type);

export function collectProductNodes(values: unknown[]): { products: ProductNode[]; listedUrls: string[] } {
  const products: ProductNode[] = [];
  const listedUrls: string[] = [];
  const seen = new Set<unknown>();

  const visit = (value: unknown, depth: number): void => {
    if (depth > 12 || seen.has(value)) return;
    if (Array.isArray(value)) {
      value.forEach((item) => visit(item, depth + 1));
      return;
    }
    if (!isRecord(value)) return;
    seen.add(value);
    if (hasType(value, 'productgroup')) {
      const variants = asArray(value['hasVariant']).filter(isRecord);
      if (variants.length === 0) products.push({ node: value, parent: null });
      variants.forEach((variant) => products.push({ node: variant, parent: value }));
      return;
    }
    if (typesOf(value).some((type) => PRODUCT_TYPES.has(type))) {
      const releases = asArray(value['albumRelease']).filter((release) => isRecord(release) && release['offers'] !== undefined);
      // A MusicAlbum that sells nothing itself but whose releases (CD, LP) carry offers.
      if (hasType(value, 'musicalbum') && value['offers'] === undefined && releases.length > 0) {
        releases.filter(isRecord).forEach((release) => products.push({ node: release, parent: value }));
      } else {
        products.push({ node: value, parent: null });
      }
      return;
    }
    if (hasType(value, 'itemlist')) {
      for (const element of asArray(value['itemListElement'])) {
        if (!isRecord(element)) continue;
        const item = element['item'];
        if (isRecord(item) && typesOf(item).length > 0 && !hasType(item, 'thing') && !hasType(item, 'webpage')) {
          visit(item, depth + 1);
        } else if (typesOf(element).some((type) => PRODUCT_TYPES.has(type) || type === 'productgroup')) {
          visit(element, depth + 1);
        } else {
          const url = textField(item) ?? (isRecord(item) ? (textField(item['url']) ?? textField(item['@id'])) : null) ?? textField(element['url']);
          if (url !== null) listedUrls.push(url);
        }
      }
      return;
    }
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'hasPart', 'about', 'itemListElement']) {
      if (value[key] !== undefined) visit(value[key], depth + 1);
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

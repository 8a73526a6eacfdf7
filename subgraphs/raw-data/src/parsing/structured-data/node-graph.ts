import { asArray, isRecord } from '../parsers/shared/tolerant-json.js';

/**
 * Structured data (JSON-LD, microdata, RDFa) as one graph of schema.org nodes. Shops split a
 * product across nodes linked by `@id` (a `@graph` with the Product in one node and its Offer,
 * Brand or MusicAlbum in others; a WebPage whose mainEntity is only `{"@id": "#product"}`), so the
 * references are embedded before anything reads the nodes: every reader then sees whole trees.
 */

export type JsonObject = Record<string, unknown>;

/** Deeper than any real page nests; stops runaway input without rejecting the page. */
const MAX_DEPTH = 24;

/** A bare lower-case type name: "Product", "schema:Product" and "https://schema.org/Product" alike. */
export function typesOf(node: JsonObject): string[] {
  return asArray(node['@type'])
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[/#:]/, '').toLowerCase());
}

export function hasType(node: JsonObject, type: string): boolean {
  return typesOf(node).includes(type);
}

export function idOf(node: JsonObject): string | null {
  const id = node['@id'];
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : null;
}

/** A node that only points at another one: `{"@id": "…"}`, maybe with a repeated @type. */
function isReference(node: JsonObject): boolean {
  return idOf(node) !== null && Object.keys(node).every((key) => key === '@id' || key === '@type' || key === '@context');
}

/**
 * Two descriptions under one @id are merged only when they describe the same kind of thing:
 * Bandcamp gives its digital MusicRelease the MusicAlbum's @id, and merging those would make the
 * album itself look like a download on sale.
 */
function sameThing(a: JsonObject, b: JsonObject): boolean {
  const typesA = typesOf(a);
  const typesB = typesOf(b);
  return typesA.length === 0 || typesB.length === 0 || typesA.some((type) => typesB.includes(type));
}

/**
 * Every node with an @id, merged when the same @id is described in several places (a Product in
 * one script and its offers in another): the first value of each property wins.
 */
function indexNodes(values: readonly unknown[]): Map<string, JsonObject> {
  const index = new Map<string, JsonObject>();
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || seen.has(value)) return;
    if (Array.isArray(value)) {
      seen.add(value);
      value.forEach((item) => visit(item, depth + 1));
      return;
    }
    if (!isRecord(value)) return;
    seen.add(value);
    const id = idOf(value);
    if (id !== null && !isReference(value)) {
      const known = index.get(id);
      if (known === undefined) index.set(id, { ...value });
      else if (sameThing(known, value)) index.set(id, { ...value, ...known });
    }
    for (const [key, child] of Object.entries(value)) if (key !== '@context') visit(child, depth + 1);
  };
  values.forEach((value) => visit(value, 0));
  return index;
}

/**
 * The same values with each `{"@id"}` reference replaced by the node it names (when the page
 * describes it). Cycles (an Offer whose itemOffered points back at its Product) stop at the
 * node already being expanded, which stays a reference.
 */
export function embedReferences(values: readonly unknown[]): unknown[] {
  const index = indexNodes(values);
  const expand = (value: unknown, path: readonly string[], depth: number): unknown => {
    if (depth > MAX_DEPTH) return null;
    if (Array.isArray(value)) return value.map((item) => expand(item, path, depth + 1));
    if (!isRecord(value)) return value;
    const id = idOf(value);
    if (id !== null && path.includes(id)) return value;
    const known = id === null ? undefined : index.get(id);
    const node = known === undefined ? value : isReference(value) ? known : sameThing(known, value) ? { ...known, ...value } : value;
    const inner = id === null ? path : [...path, id];
    const expanded: JsonObject = {};
    for (const [key, child] of Object.entries(node)) expanded[key] = key === '@context' ? child : expand(child, inner, depth + 1);
    return expanded;
  };
  return values.map((value) => expand(value, [], 0));
}

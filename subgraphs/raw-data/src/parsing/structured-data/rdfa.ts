import { addValue, attr, bareTerm, collapseWhitespace, hasAttr, isElement, resolveUrl, textLines, tokens, type DomNode } from './dom-walk.js';
import type { JsonObject } from './node-graph.js';

/**
 * RDFa Lite (vocab / typeof / property / resource / prefix) as JSON-LD-shaped nodes. Only what
 * product pages use: an element with `typeof` starts a node (a property of the enclosing node when
 * it also has `property`), other `property` elements add values to the nearest node. Types and
 * property names are read as bare schema.org terms ("schema:Product", "Product" under
 * vocab="http://schema.org/"); properties of other vocabularies (og:, dc:) are kept under their
 * bare names and simply never read.
 */

// Real pages nest 30-60 elements deep; far beyond that is hostile markup, not a product.
const MAX_DEPTH = 400;

export function readRdfa(root: DomNode, baseUrl: string): JsonObject[] {
  const topLevel: JsonObject[] = [];
  const walk = (node: DomNode, current: JsonObject | null, depth: number): void => {
    if (depth > MAX_DEPTH || (!isElement(node) && node.type !== 'root')) return;
    let scope = current;
    if (node.type !== 'root') {
      const properties = tokens(attr(node, 'property') ?? attr(node, 'rel')).map(bareTerm);
      const types = tokens(attr(node, 'typeof')).map(bareTerm);
      if (hasAttr(node, 'typeof')) {
        const created: JsonObject = {};
        if (types.length > 0) created['@type'] = types.length === 1 ? types[0] : types;
        const about = attr(node, 'resource') ?? attr(node, 'about');
        if (about !== null && about.trim() !== '') created['@id'] = resolveUrl(about, baseUrl);
        if (properties.length > 0 && current !== null) properties.forEach((name) => addValue(current, name, created));
        else topLevel.push(created);
        scope = created;
      } else if (properties.length > 0 && current !== null) {
        const value = rdfaValue(node, baseUrl);
        properties.forEach((name) => addValue(current, name, value));
        // A property with its own resource does not describe further children of the node.
        if (hasAttr(node, 'content')) return;
      }
    }
    (node.children ?? []).forEach((child) => walk(child, scope, depth + 1));
  };
  walk(root, null, 0);
  return topLevel;
}

function rdfaValue(node: DomNode, baseUrl: string): string {
  const content = attr(node, 'content');
  if (content !== null) return content.trim();
  const reference = attr(node, 'resource') ?? attr(node, 'href') ?? attr(node, 'src');
  if (reference !== null) return resolveUrl(reference, baseUrl);
  if (node.name === 'time' && attr(node, 'datetime') !== null) return attr(node, 'datetime')!.trim();
  return collapseWhitespace(textLines(node));
}

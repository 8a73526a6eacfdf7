import { addValue, attr, bareTerm, hasAttr, isElement, propertyValue, resolveUrl, tokens, type DomNode } from './dom-walk.js';
import type { JsonObject } from './node-graph.js';

/**
 * HTML microdata (itemscope / itemtype / itemprop / itemid / itemref) as JSON-LD-shaped nodes,
 * following the WHATWG microdata algorithm: top-level items are itemscope elements without
 * itemprop; an item's properties are the itemprop elements in its subtree (and in the elements its
 * itemref names) that do not belong to a nested item; a nested itemscope with itemprop is a
 * property whose value is that item. osCommerce, PrestaShop, Magento and older WooCommerce themes
 * publish products this way.
 */

// Real pages nest 30-60 elements deep; far beyond that is hostile markup, not a product.
const MAX_DEPTH = 400;

export function readMicrodata(root: DomNode, baseUrl: string): JsonObject[] {
  const byId = new Map<string, DomNode>();
  const topLevel: DomNode[] = [];
  const index = (node: DomNode, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (isElement(node)) {
      const id = attr(node, 'id');
      if (id !== null && !byId.has(id)) byId.set(id, node);
      if (hasAttr(node, 'itemscope') && !hasAttr(node, 'itemprop')) topLevel.push(node);
    }
    (node.children ?? []).forEach((child) => index(child, depth + 1));
  };
  index(root, 0);
  return topLevel.map((element) => readItem(element, baseUrl, byId, new Set()));
}

function readItem(element: DomNode, baseUrl: string, byId: Map<string, DomNode>, inProgress: Set<DomNode>): JsonObject {
  const item: JsonObject = {};
  const types = tokens(attr(element, 'itemtype'));
  if (types.length > 0) item['@type'] = types.length === 1 ? types[0] : types;
  const itemId = attr(element, 'itemid');
  if (itemId !== null && itemId.trim() !== '') item['@id'] = resolveUrl(itemId, baseUrl);
  inProgress.add(element);

  const visitProperties = (node: DomNode, depth: number): void => {
    if (depth > MAX_DEPTH || !isElement(node)) return;
    const names = tokens(attr(node, 'itemprop'));
    if (names.length > 0) {
      const value = hasAttr(node, 'itemscope')
        ? inProgress.has(node)
          ? null // itemref loops back into an item being read: the spec says to ignore it.
          : readItem(node, baseUrl, byId, inProgress)
        : propertyValue(node, baseUrl);
      if (value !== null) names.forEach((name) => addValue(item, bareTerm(name), value));
    }
    // A nested item's own properties are its business, not this item's.
    if (!hasAttr(node, 'itemscope')) (node.children ?? []).forEach((child) => visitProperties(child, depth + 1));
  };
  (element.children ?? []).forEach((child) => visitProperties(child, 1));
  for (const ref of tokens(attr(element, 'itemref'))) {
    const referenced = byId.get(ref);
    if (referenced !== undefined && referenced !== element) visitProperties(referenced, 1);
  }
  inProgress.delete(element);
  return item;
}

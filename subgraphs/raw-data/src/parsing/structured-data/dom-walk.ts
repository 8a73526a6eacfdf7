import type { CheerioAPI } from 'cheerio';

/**
 * The few facts about parsed HTML nodes the microdata and RDFa readers need, typed structurally so
 * they walk cheerio's tree (domhandler nodes) directly: one pass over the nodes, no selector
 * queries per property, which keeps extraction fast on large listing pages.
 */
export interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  data?: string;
}

export function rootOf($: CheerioAPI): DomNode {
  return $.root()[0] as unknown as DomNode;
}

export function isElement(node: DomNode): boolean {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function attr(node: DomNode, name: string): string | null {
  const value = node.attribs?.[name];
  return value === undefined ? null : value;
}

export function hasAttr(node: DomNode, name: string): boolean {
  return node.attribs?.[name] !== undefined;
}

const LINE_BREAKING = new Set(['br', 'p', 'div', 'li', 'tr', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'section']);

/** textContent with <br> and block elements as line breaks: "Label: X<br>Genre: Y" stays two facts. */
export function textLines(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (node.type === 'script' || node.type === 'style' || node.type === 'comment') return '';
  const inner = (node.children ?? []).map(textLines).join('');
  return LINE_BREAKING.has(node.name ?? '') ? `\n${inner}\n` : inner;
}

/** Spaces collapsed within lines, empty lines dropped. */
export function collapseWhitespace(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Space-separated tokens of an attribute ("itemprop", "typeof", "property"). */
export function tokens(value: string | null): string[] {
  return value === null ? [] : value.split(/\s+/).filter((token) => token !== '');
}

/** A property name as a bare term: "price", "schema:price", "http://schema.org/price" alike. */
export function bareTerm(name: string): string {
  return name.replace(/^.*[/#:]/, '');
}

export function resolveUrl(value: string, baseUrl: string): string {
  try {
    return new URL(value.trim(), baseUrl).toString();
  } catch {
    return value.trim();
  }
}

const URL_ATTRIBUTES: Record<string, string> = {
  a: 'href',
  area: 'href',
  link: 'href',
  audio: 'src',
  embed: 'src',
  iframe: 'src',
  img: 'src',
  source: 'src',
  track: 'src',
  video: 'src',
  object: 'data',
};

/**
 * A property's value per the WHATWG microdata rules (meta content, URL attributes, data/meter
 * value, time datetime, else text), plus the `content` attribute on any element, which shop
 * themes put on spans ("<span itemprop=price content=12.99>12,99 €</span>") and readers honour.
 */
export function propertyValue(node: DomNode, baseUrl: string): string {
  const name = node.name ?? '';
  const content = attr(node, 'content');
  if (content !== null) return content.trim();
  const urlAttribute = URL_ATTRIBUTES[name];
  if (urlAttribute !== undefined) {
    const value = attr(node, urlAttribute) ?? (name === 'img' ? (attr(node, 'data-src') ?? null) : null);
    if (value !== null) return resolveUrl(value, baseUrl);
  }
  if (name === 'data' || name === 'meter') return (attr(node, 'value') ?? '').trim();
  if (name === 'time') return (attr(node, 'datetime') ?? collapseWhitespace(textLines(node))).trim();
  return collapseWhitespace(textLines(node));
}

/** Adds a value under a key, turning repeated keys into arrays as JSON-LD does. */
export function addValue(target: Record<string, unknown>, key: string, value: unknown): void {
  const known = target[key];
  if (known === undefined) target[key] = value;
  else if (Array.isArray(known)) known.push(value);
  else target[key] = [known, value];
}

import type { Cheerio, CheerioAPI } from 'cheerio';
import type { load } from 'cheerio';
import { fieldForLabel } from '../../extract/labeled-values.js';
import { cleanText, foldCharwise } from '../../extract/text.js';
import type { ParseResultBuilder } from '../shared/result-builder.js';
import type { FieldSelector, HtmlField, HtmlOptions } from './html-options.js';

// cheerio's node type lives in domhandler, which is not a direct dependency: derive it from load().
type AnyNode = Exclude<Parameters<typeof load>[0], string | Buffer | readonly unknown[]>;
type Item = Cheerio<AnyNode>;

const DEFAULT_ATTRIBUTES: Partial<Record<HtmlField, readonly string[]>> = {
  url: ['href'],
  image: ['src', 'data-src', 'data-original', 'data-lazy'],
};

/**
 * Reads the configured fields of one item. Invalid selectors are reported once per parse and the
 * field is treated as absent, so one bad selector does not cost the whole page.
 */
export class HtmlFieldReader {
  private readonly reportedSelectors = new Set<string>();

  constructor(
    private readonly $: CheerioAPI,
    private readonly options: HtmlOptions,
    private readonly builder: ParseResultBuilder,
  ) {}

  read(item: Item, field: HtmlField): string | null {
    const spec = this.options.fields[field];
    return spec === undefined ? null : this.readSpec(item, field, spec);
  }

  private readSpec(item: Item, field: HtmlField, spec: FieldSelector): string | null {
    const { selector, attr, pattern } = typeof spec === 'string' ? { selector: spec, attr: undefined, pattern: undefined } : spec;
    const element = selector === undefined ? item : this.find(item, selector);
    if (element === null || element.length === 0) return null;
    let value: string | undefined;
    if (attr !== undefined) value = element.attr(attr);
    else {
      const fromDefault = (DEFAULT_ATTRIBUTES[field] ?? []).map((name) => element.attr(name)).find((v) => v);
      value = fromDefault ?? (element.is('meta') ? element.attr('content') : element.text());
    }
    const text = cleanText(value);
    if (text === null || pattern === undefined) return text;
    const match = new RegExp(pattern).exec(text);
    return match === null ? null : cleanText(match[1] ?? match[0]);
  }

  find(scope: Item | null, selector: string): Item | null {
    try {
      return (scope === null ? this.$(selector) : scope.find(selector)).first() as Item;
    } catch (error) {
      this.reportSelector(selector, error);
      return null;
    }
  }

  findAll(scope: Item | null, selector: string): Item[] {
    try {
      const matches = scope === null ? this.$(selector) : scope.find(selector);
      return matches.toArray().map((element) => this.$(element) as Item);
    } catch (error) {
      this.reportSelector(selector, error);
      return [];
    }
  }

  /**
   * Label/value rows. Rows are looked for inside the item; on a product page (one item) the
   * table may sit elsewhere in the page, so the whole document is searched as a fallback.
   */
  readAttributeTable(item: Item, isOnlyItem: boolean): Partial<Record<HtmlField, string>> {
    const table = this.options.attributeTable;
    const values: Partial<Record<HtmlField, string>> = {};
    if (table === undefined) return values;
    let rows = this.findAll(item, table.rowSelector);
    if (rows.length === 0 && isOnlyItem) rows = this.findAll(null, table.rowSelector);
    const mapped = new Map(Object.entries(table.map).map(([label, field]) => [labelKey(label), field]));
    for (const row of rows) {
      const label = cleanText(this.find(row, table.labelSelector)?.text());
      const value = cleanText(this.find(row, table.valueSelector)?.text());
      if (label === null || value === null) continue;
      const field = mapped.get(labelKey(label)) ?? fieldForLabel(label);
      if (field !== null && field !== 'catalogNumber' && values[field] === undefined) values[field] = value;
    }
    return values;
  }

  outerHtml(item: Item): string {
    return this.$.html(item);
  }

  private reportSelector(selector: string, error: unknown): void {
    if (this.reportedSelectors.has(selector)) return;
    this.reportedSelectors.add(selector);
    this.builder.error(`invalid CSS selector "${selector}"`, error instanceof Error ? error.message : String(error));
  }
}

function labelKey(label: string): string {
  return foldCharwise(label).replace(/[:：]\s*$/, '').replace(/\s+/g, ' ').trim();
}

export type { Item as HtmlItem };

import type { CreateSourceInput, SourceKind, UpdateSourceInput } from '@mrt/operations';
import type { GraphqlErrorShape } from '../client/graphql-client';
import { fieldProblems, type FieldProblem } from './field-paths';

/** The kinds an operator can pick, with what the URL field means for each. */
export const SOURCE_KINDS: readonly { kind: SourceKind; label: string; url: string; options: string }[] = [
  {
    kind: 'SHOPIFY',
    label: 'Shopify shop',
    url: "The shop's base URL (its /products.json is read)",
    options: 'currency (unless the shop has one), vendorRole (band, label, ignore), labelTagPrefix, genreTagPrefix, releaseDateTagPrefix',
  },
  {
    kind: 'WOOCOMMERCE',
    label: 'WooCommerce shop',
    url: "The shop's base URL (its Store API is read)",
    options: 'currency, bandAttributes, formatAttributes, labelAttributes, genreAttributes, releaseDateAttributes',
  },
  {
    kind: 'JSON_LD',
    label: 'JSON-LD product pages',
    url: 'The listing page whose product pages carry schema.org data',
    options: 'currency, brandRole (band, label, ignore), productLinkSelector, productUrlPattern, nextPageSelector, pageParam',
  },
  {
    kind: 'HTML',
    label: 'HTML with CSS selectors',
    url: 'The listing page the selectors read',
    options: 'itemSelector (required), fields {band, title, price, format, stock, url, …}, currency, attributeTable, productLinkSelector, nextPageSelector, pageParam',
  },
  { kind: 'BANDCAMP', label: 'Bandcamp site', url: "The band's or label's Bandcamp site", options: 'currency, followMerch' },
  { kind: 'METAL_ARCHIVES_UPCOMING', label: 'Metal Archives upcoming releases', url: 'The upcoming-releases JSON document', options: 'pageSize' },
  { kind: 'FEED', label: 'RSS or Atom feed', url: 'The feed document itself', options: 'label, pubDateIsReleaseDate' },
];

/** What the source form holds: text as typed, turned into an input only on preview or save. */
export interface SourceDraft {
  name: string;
  kind: SourceKind;
  url: string;
  /** "" for none (announcement feeds). */
  distributorId: string;
  /** Cron text; "" runs only on demand. */
  schedule: string;
  /** The options as JSON text. */
  optionsText: string;
  enabled: boolean;
}

export const EMPTY_SOURCE: SourceDraft = { name: '', kind: 'SHOPIFY', url: '', distributorId: '', schedule: '', optionsText: '', enabled: true };

export type OptionsParse = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** The options field's text as an object; empty text is no options. */
export function parseOptionsText(text: string): OptionsParse {
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'must be a JSON object, e.g. {"currency": "EUR"}' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** Options as the field shows them: indented JSON, nothing for none. */
export function formatOptions(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && Object.keys(value).length === 0) return '';
  return JSON.stringify(value, null, 2);
}

export function draftFromSource(source: { name: string; kind: SourceKind; url: string; schedule?: string | null; options: unknown; enabled: boolean; distributor?: { id: string } | null }): SourceDraft {
  return {
    name: source.name,
    kind: source.kind,
    url: source.url,
    distributorId: source.distributor?.id ?? '',
    schedule: source.schedule ?? '',
    optionsText: formatOptions(source.options),
    enabled: source.enabled,
  };
}

/** A preset fills kind, URL, schedule and options; a name typed already stays. */
export function draftFromPreset(draft: SourceDraft, preset: { name: string; kind: SourceKind; url: string; schedule: string; options: unknown }): SourceDraft {
  return { ...draft, name: draft.name.trim() || preset.name, kind: preset.kind, url: preset.url, schedule: preset.schedule, optionsText: formatOptions(preset.options) };
}

/** The input for createSource and previewSource; null when the options are not a JSON object. */
export function createSourceInput(draft: SourceDraft): CreateSourceInput | null {
  const options = parseOptionsText(draft.optionsText);
  if (!options.ok) return null;
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    url: draft.url.trim(),
    distributorId: draft.distributorId || null,
    schedule: draft.schedule.trim() || null,
    options: options.value,
    enabled: draft.enabled,
  };
}

/** The input for updateSource: every field the form shows ("" removes the schedule). */
export function updateSourceInput(draft: SourceDraft): UpdateSourceInput | null {
  const options = parseOptionsText(draft.optionsText);
  if (!options.ok) return null;
  return { name: draft.name.trim(), url: draft.url.trim(), distributorId: draft.distributorId || null, schedule: draft.schedule.trim(), options: options.value };
}

export interface SourceFormErrors {
  /** Per form field: name, url, distributorId, schedule, kind. */
  fields: Record<string, string>;
  /** Problems inside the options, each with its path there ("fields.price", "currency"). */
  options: FieldProblem[];
  /** What belongs to no field: shown under the form. */
  general: string | null;
}

const FORM_FIELDS = ['name', 'kind', 'url', 'distributorId', 'schedule', 'enabled'];

/**
 * The server validates a source's options against its kind and names each problem's path
 * ("options.fields.price"); they are listed beside the options field by their path inside it.
 */
export function sourceFormErrors(error: { message: string; errors: readonly GraphqlErrorShape[] } | undefined): SourceFormErrors {
  const result: SourceFormErrors = { fields: {}, options: [], general: null };
  if (!error) return result;
  let unplaced = false;
  for (const problem of fieldProblems(error)) {
    const path = problem.path.replace(/^input\./, '');
    if (path === 'options' || path.startsWith('options.')) result.options.push({ path: path.slice('options.'.length) || '(options)', message: problem.message });
    else if (FORM_FIELDS.includes(path)) result.fields[path] ??= problem.message;
    else unplaced = true;
  }
  if (unplaced || (Object.keys(result.fields).length === 0 && result.options.length === 0)) result.general = error.message;
  return result;
}

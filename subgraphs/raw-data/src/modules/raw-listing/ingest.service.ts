import { BadUserInputError, NotFoundError } from '@mrt/graphql-kit';
import type { ReleaseDate } from '@mrt/events';
import type { CaptureService } from './capture.service.js';
import { captureListing, type CapturedItem } from '../../capture/captured-item.js';
import { moneyFromDecimal, parsePrice, parseReleaseDate, parseStock } from '../../parsing/index.js';
import { assembleListing } from '../../parsing/parsers/shared/listing-assembler.js';
import type { CaptureOutcome as CaptureOutcomeValue, RawListingStore } from './raw-listing.store.js';
import type { RawListingInput } from './raw-listing.input.js';
import { pushedItemSchema } from './raw-listing.validation.js';
import type { IngestItemResult, IngestResult } from './raw-listing.type.js';
import type { SourceEntity } from '../source/source.entity.js';

export const MAX_LISTINGS_PER_INGEST = 1000;

/**
 * The push API for external scrapers. Each item is checked on its own, goes through the same
 * extraction rules as parsed pages, and is captured through the same path as a run, so a pushed
 * listing and a crawled one are indistinguishable downstream.
 */
export class IngestService {
  constructor(
    private readonly capture: CaptureService,
    private readonly store: RawListingStore,
    private readonly findSource: (id: string) => Promise<SourceEntity | null>,
  ) {}

  async ingest(sourceId: string, inputs: readonly RawListingInput[]): Promise<IngestResult> {
    const source = await this.findSource(sourceId);
    if (!source) throw new NotFoundError('Source', sourceId);
    if (source.kind === 'METAL_ARCHIVES_UPCOMING' || source.kind === 'FEED') {
      throw new BadUserInputError('Listings can only be pushed to shop sources', [{ path: 'sourceId', message: `a ${source.kind} source publishes announcements, not listings` }]);
    }
    if (inputs.length > MAX_LISTINGS_PER_INGEST) {
      throw new BadUserInputError(`At most ${MAX_LISTINGS_PER_INGEST} listings per call`, [{ path: 'listings', message: `got ${inputs.length}` }]);
    }

    const results: IngestItemResult[] = [];
    const accepted = new Map<string, { item: CapturedItem; result: IngestItemResult }>();
    inputs.forEach((input, index) => {
      const result = checkItem(input, index);
      results.push(result.result);
      if (result.item) {
        const earlier = accepted.get(result.item.externalId);
        if (earlier) {
          // The last copy wins, as a later page wins in a crawl; the earlier one says so.
          earlier.result.accepted = false;
          earlier.result.reasons.push({ field: 'externalId', message: `repeated at index ${index}, which replaces this one` });
        }
        accepted.set(result.item.externalId, { item: result.item, result: result.result });
      }
    });

    const items = [...accepted.values()];
    // The first push to a source is its back catalogue, not news.
    const initialImport = (await this.store.countActive(source.id)) === 0;
    const captured = await this.capture.capture(source, items.map((entry) => entry.item), { seenAt: new Date(), initialImport });
    return summarize(results, captured.outcomes);
  }
}

function checkItem(input: RawListingInput, index: number): { result: IngestItemResult; item: CapturedItem | null } {
  const result: IngestItemResult = { index, externalId: input.externalId, accepted: false, outcome: null, reasons: [], warnings: [] };
  const reject = (field: string, message: string) => {
    result.reasons.push({ field, message });
    return { result, item: null };
  };
  const parsed = pushedItemSchema.safeParse(input);
  if (!parsed.success) {
    parsed.error.issues.forEach((issue) => result.reasons.push({ field: issue.path.join('.') || '(item)', message: issue.message }));
    return { result, item: null };
  }
  const valid = parsed.data;
  if (!valid.name && !valid.title) return reject('name', 'give the name as shown, or a title');
  if (valid.price && valid.priceText) return reject('price', 'give price or priceText, not both');

  const price = valid.price
    ? moneyFromDecimal(valid.price.amount, valid.price.currency)
    : valid.priceText
      ? parsePrice(valid.priceText, { defaultCurrency: valid.currency ?? null })
      : null;
  const releaseDate: ReleaseDate | null = valid.releaseDate ? parseReleaseDate(valid.releaseDate) : null;
  const assembled = assembleListing({
    externalId: valid.externalId,
    url: valid.url,
    name: valid.name ?? null,
    title: valid.title ?? null,
    bands: valid.bandNames ?? [],
    formatEvidence: { attributes: [input.format ?? null, valid.formatText ?? null].filter((v) => v !== null) },
    releaseType: input.releaseType ?? null,
    price,
    stock: input.stock ?? parseStock(valid.stockText ?? null),
    variantLabel: input.variant ?? null,
    sku: input.sku ?? null,
    label: input.label ?? null,
    releaseDate,
    genre: input.genre ?? null,
    coverUrl: valid.coverUrl ?? null,
    // Without the scraper's own raw record, the pushed item itself is what was captured.
    raw: input.raw ?? (JSON.parse(JSON.stringify(input)) as Record<string, unknown>),
  });
  if (!assembled.ok) return reject('(item)', assembled.skip.reason);
  const listing = input.format ? { ...assembled.listing, format: input.format } : assembled.listing;
  const captured = captureListing(listing);
  if (!captured.ok) {
    captured.issues.forEach((issue) => result.reasons.push(issue));
    return { result, item: null };
  }
  result.accepted = true;
  result.warnings = assembled.skips.map((skip) => skip.reason);
  if (valid.releaseDate && releaseDate === null) result.warnings.push(`release-date-unreadable: "${valid.releaseDate}" was not understood`);
  return { result, item: captured.item };
}

function summarize(results: IngestItemResult[], outcomes: ReadonlyMap<string, CaptureOutcomeValue>): IngestResult {
  for (const result of results) if (result.accepted) result.outcome = outcomes.get(result.externalId) ?? null;
  const accepted = results.filter((r) => r.accepted);
  const count = (outcome: CaptureOutcomeValue) => accepted.filter((r) => r.outcome === outcome).length;
  return {
    accepted: accepted.length,
    rejected: results.length - accepted.length,
    new: count('NEW'),
    changed: count('CHANGED'),
    unchanged: count('UNCHANGED'),
    items: results,
  };
}

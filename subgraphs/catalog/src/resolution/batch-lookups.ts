import type { EntityManager } from 'typeorm';
import { knownCountrySchema } from '@mrt/events';
import { DistributorStore, type DistributorRef } from '../modules/distributor/distributor.store.js';
import { GenreStore } from '../modules/genre/genre.store.js';
import { LabelStore } from '../modules/label/label.store.js';
import type { OpenReview } from '../modules/review/review.store.js';
import { canonicalGenres, type GenreRef } from './genre-text.js';
import { cleanDisplayName, foldName, slugify } from './normalize.js';

/** What a batch of raw events names: the ids of all of it are looked up (and created) at once. */
export interface BatchNames {
  labels: readonly (string | null)[];
  genreTexts: readonly (string | null)[];
  distributorIds: readonly (string | null)[];
}

interface LabelName {
  name: string;
  slug: string;
  nameFolded: string;
}

/**
 * The labels, genres and shops of a batch of raw events, read with one query per table and the
 * missing labels and genres inserted with one statement each, then served from memory while the
 * batch's events are resolved one after the other. The first spelling of a new name in the batch
 * names it, as when the events were handled one per transaction.
 */
export class BatchLookups {
  private websites: (DistributorRef & { websiteUrl: string })[] | null = null;

  private constructor(
    private readonly distributors: DistributorStore,
    private readonly labelIds: Map<string, string>,
    private readonly genreIdsBySlug: Map<string, string>,
    private readonly distributorsById: Map<string, DistributorRef>,
  ) {}

  static async load(manager: EntityManager, names: BatchNames): Promise<BatchLookups> {
    const distributors = new DistributorStore(manager);
    const ids = [...new Set(names.distributorIds.filter((id): id is string => id !== null).map((id) => id.toLowerCase()))];
    return new BatchLookups(
      distributors,
      await loadLabels(new LabelStore(manager), names.labels),
      await loadGenres(new GenreStore(manager), names.genreTexts),
      ids.length > 0 ? await distributors.refsByIds(ids) : new Map(),
    );
  }

  labelId(rawName: string | null): string | null {
    const label = rawName ? labelName(rawName) : null;
    return label ? this.labelIds.get(label.slug)! : null;
  }

  genreIds(text: string | null): string[] {
    return canonicalGenres(text).map((genre) => this.genreIdsBySlug.get(genre.slug)!);
  }

  /**
   * The contract promises a distributor on every resolved listing. A listing without one (or
   * with an id the catalog does not know) gets the shop its URL's host belongs to, created when
   * new, with provisional country and currency, and recorded for review.
   */
  async distributor(distributorId: string | null, url: string, priceCurrency: string | null, reviews: OpenReview[]): Promise<DistributorRef> {
    const known = distributorId ? this.distributorsById.get(distributorId.toLowerCase()) : undefined;
    if (known) return known;
    const existing = await this.distributorByHost(url);
    if (existing) return existing;
    const { host, origin } = hostOf(url);
    const slug = slugify(host);
    const country = countryOfHost(host);
    const inserted = await this.distributors.insertAutoCreated({ name: host, slug, country, websiteUrl: origin, currency: priceCurrency ?? 'XXX' });
    if (inserted) {
      // The newest shop: the batch's next listing from this host finds it, as a later transaction would.
      this.websites?.push({ ...inserted, websiteUrl: origin });
      reviews.push({
        kind: 'DISTRIBUTOR_CREATED',
        rawName: host,
        reason: `Listing ${url} came without a known distributor${distributorId ? ` (unknown id ${distributorId})` : ''}; created "${host}" with country ${country} (${country === 'ZZ' ? 'unknown' : 'from the domain'}) and currency ${priceCurrency ?? 'XXX (unknown)'}`,
        candidateIds: [],
        chosenBandId: null,
        distributorId: inserted.id,
        bandPosition: 0,
      });
      return inserted;
    }
    return (await this.distributors.findRefBySlugOrName(slug, host))!;
  }

  async distributorByHost(url: string): Promise<DistributorRef | null> {
    const { host } = hostOf(url);
    // Shops are a few dozen rows, read once per batch: comparing hosts in code beats a URL-parsing SQL expression.
    this.websites ??= await this.distributors.websites();
    const match = this.websites.find((row) => safeHost(row.websiteUrl) === host);
    return match ? { id: match.id, country: match.country } : null;
  }
}

function labelName(rawName: string): LabelName | null {
  const name = cleanDisplayName(rawName);
  const nameFolded = foldName(name);
  if (!nameFolded) return null;
  return { name, slug: nameFolded.replace(/ /g, '-').slice(0, 120), nameFolded };
}

/** Label ids by slug for every label named; known labels (nearly all) cost the one statement. */
async function loadLabels(store: LabelStore, rawNames: readonly (string | null)[]): Promise<Map<string, string>> {
  const named = firstBySlug(rawNames.flatMap((raw) => (raw ? [labelName(raw)].filter((l): l is LabelName => l !== null) : [])));
  return named.length === 0 ? new Map() : idsInsertingMissing(named, store);
}

async function loadGenres(store: GenreStore, texts: readonly (string | null)[]): Promise<Map<string, string>> {
  const named = firstBySlug(texts.flatMap((text) => canonicalGenres(text)));
  return named.length === 0 ? new Map() : idsInsertingMissing<GenreRef>(named, store);
}

/**
 * One statement reads the ids and inserts what is missing, in slug order (so two batches cannot
 * lock each other out); a name another transaction committed meanwhile is read back after.
 */
async function idsInsertingMissing<T extends { slug: string }>(
  named: readonly T[],
  store: { idsInsertingMissing(rows: readonly T[]): Promise<Map<string, string>>; idsBySlug(slugs: readonly string[]): Promise<Map<string, string>> },
): Promise<Map<string, string>> {
  const ids = await store.idsInsertingMissing([...named].sort((a, b) => a.slug.localeCompare(b.slug)));
  const missing = named.filter((n) => !ids.has(n.slug)).map((n) => n.slug);
  if (missing.length > 0) for (const [slug, id] of await store.idsBySlug(missing)) ids.set(slug, id);
  return ids;
}

function firstBySlug<T extends { slug: string }>(named: readonly T[]): T[] {
  const bySlug = new Map<string, T>();
  for (const each of named) if (!bySlug.has(each.slug)) bySlug.set(each.slug, each);
  return [...bySlug.values()];
}

function hostOf(url: string): { host: string; origin: string } {
  const parsed = new URL(url);
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  return { host, origin: `${parsed.protocol}//${parsed.host}` };
}

function safeHost(url: string): string | null {
  try {
    return hostOf(url).host;
  } catch {
    return null;
  }
}

/** The country a country-code domain names (".de" -> DE, ".co.uk" -> GB); "ZZ" (ISO: unknown) otherwise. */
export function countryOfHost(host: string): string {
  const tld = host.split('.').pop() ?? '';
  const code = tld === 'uk' ? 'GB' : tld.toUpperCase();
  return code.length === 2 && knownCountrySchema.safeParse(code).success ? code : 'ZZ';
}

import type { EntityManager } from 'typeorm';
import { createEvent, enqueueEvents, knownCountrySchema, type EventData, type EventOf } from '@mrt/events';
import { BandStore } from '../modules/band/band.store.js';
import { DistributorStore, type DistributorRef } from '../modules/distributor/distributor.store.js';
import { GenreStore } from '../modules/genre/genre.store.js';
import { LabelStore } from '../modules/label/label.store.js';
import { ReviewStore, type OpenReview } from '../modules/review/review.store.js';
import { decideBand, type ListingEvidence } from './band-matching.js';
import { canonicalGenres } from './genre-text.js';
import { cleanDisplayName, foldName, slugify } from './normalize.js';

const PRODUCER = 'catalog';

interface Resolved {
  bandIds: string[];
  labelId: string | null;
  genreIds: string[];
  reviews: OpenReview[];
}

/**
 * Turns raw listings and announcements into catalog ids. Every method runs in the consumer's
 * inbox transaction (`manager`), so the rows it creates through the band, label, genre,
 * distributor and review stores, and the outgoing event, commit together or not at all: a
 * redelivered event finds it all done.
 */
export class ResolutionService {
  async onListingCaptured(manager: EntityManager, event: EventOf<'raw.listing.captured'>, traceparent: string | null): Promise<void> {
    const data = event.data;
    const reviews: OpenReview[] = [];
    const distributor = await this.resolveDistributor(new DistributorStore(manager), data.distributorId, data.url, data.price?.currency ?? null, reviews);
    const resolved = await this.resolveNames(manager, data, distributor.country);
    const out = createEvent('catalog.listing.resolved', {
      producer: PRODUCER,
      subject: event.subject,
      traceparent,
      data: { ...data, bandIds: resolved.bandIds, labelId: resolved.labelId, genreIds: resolved.genreIds, distributorId: distributor.id },
    });
    await this.recordReviews(manager, event.subject, [...reviews, ...resolved.reviews], out);
    await enqueueEvents(manager, [out]);
  }

  async onAnnouncementCaptured(manager: EntityManager, event: EventOf<'raw.announcement.captured'>, traceparent: string | null): Promise<void> {
    const data = event.data;
    const resolved = await this.resolveNames(manager, data, null);
    const out = createEvent('catalog.announcement.resolved', {
      producer: PRODUCER,
      subject: event.subject,
      traceparent,
      data: { ...data, bandIds: resolved.bandIds, labelId: resolved.labelId, genreIds: resolved.genreIds },
    });
    await this.recordReviews(manager, event.subject, resolved.reviews, out);
    await enqueueEvents(manager, [out]);
  }

  /** Passed on so releases reads only the catalog stream; the distributor is filled in when the host is known. */
  async onListingRemoved(manager: EntityManager, event: EventOf<'raw.listing.removed'>, traceparent: string | null): Promise<void> {
    const data = event.data;
    const distributorId = data.distributorId ?? (await this.findDistributorByHost(new DistributorStore(manager), data.url))?.id ?? null;
    await enqueueEvents(manager, [createEvent('catalog.listing.removed', { producer: PRODUCER, subject: event.subject, traceparent, data: { ...data, distributorId } })]);
  }

  private async resolveNames(
    manager: EntityManager,
    data: Pick<EventData<'raw.listing.captured'>, 'bandNames' | 'label' | 'genre'>,
    shopCountry: string | null,
  ): Promise<Resolved> {
    const labelId = data.label ? await this.resolveLabel(new LabelStore(manager), data.label) : null;
    const genreIds = await this.resolveGenres(new GenreStore(manager), data.genre);
    const evidence: ListingEvidence = { labelId, genreIds, shopCountry };
    const bands = new BandStore(manager);
    const reviews: OpenReview[] = [];
    const bandIds: string[] = [];
    // Splits: every band of the listing, in the shop's order (bandIds[i] is bandNames[i]).
    for (const [position, rawName] of data.bandNames.entries()) {
      const result = await this.resolveBand(bands, rawName, evidence, data.genre);
      bandIds.push(result.bandId);
      if (result.review) reviews.push({ ...result.review, rawName, bandPosition: position, distributorId: null });
    }
    return { bandIds, labelId, genreIds, reviews };
  }

  private async resolveBand(
    bands: BandStore,
    rawName: string,
    evidence: ListingEvidence,
    genreText: string | null,
  ): Promise<{ bandId: string; review: null | Omit<OpenReview, 'rawName' | 'bandPosition' | 'distributorId'> }> {
    const name = cleanDisplayName(rawName);
    const folded = foldName(name);
    await bands.lockFoldedName(folded);
    const candidates = await bands.candidatesNamed(folded);
    const decision = decideBand(name, candidates, evidence);
    if (decision.kind === 'match') {
      // An uncertain pick teaches nothing: its evidence is added once an operator confirms it.
      if (!decision.review) await bands.addEvidence(decision.bandId, evidence, genreText);
      return {
        bandId: decision.bandId,
        review: decision.review && { kind: 'AMBIGUOUS_BAND', reason: decision.review.reason, candidateIds: decision.review.candidateIds, chosenBandId: decision.bandId },
      };
    }
    const bandId = await this.createBand(bands, name, folded);
    await bands.addEvidence(bandId, evidence, genreText);
    return {
      bandId,
      review: decision.review && { kind: 'SAME_NAME_BAND_CREATED', reason: decision.review.reason, candidateIds: decision.review.candidateIds, chosenBandId: bandId },
    };
  }

  /** Same-name bands get the first free slug of "name", "name-2", "name-3"... */
  private async createBand(bands: BandStore, name: string, folded: string): Promise<string> {
    const base = slugify(name);
    for (let n = 1; ; n++) {
      const id = await bands.insertUnlessSlugTaken({ name, slug: n === 1 ? base : `${base}-${n}`, nameFolded: folded });
      if (id) return id;
    }
  }

  private async resolveLabel(labels: LabelStore, rawName: string): Promise<string | null> {
    const name = cleanDisplayName(rawName);
    const folded = foldName(name);
    if (!folded) return null;
    const slug = folded.replace(/ /g, '-').slice(0, 120);
    // Known labels (nearly every listing's) cost one read; only a new one is inserted.
    const known = await labels.idBySlug(slug);
    if (known) return known;
    await labels.insertUnlessSlugTaken({ name, slug, nameFolded: folded });
    return (await labels.idBySlug(slug))!;
  }

  private async resolveGenres(store: GenreStore, text: string | null): Promise<string[]> {
    const genres = canonicalGenres(text);
    if (genres.length === 0) return [];
    const slugs = genres.map((g) => g.slug);
    let bySlug = await store.idsBySlug(slugs);
    const missing = genres.filter((g) => !bySlug.has(g.slug)).sort((a, b) => a.slug.localeCompare(b.slug));
    if (missing.length > 0) {
      // In slug order, so two listings bringing the same new genres cannot lock each other out.
      await store.insertUnlessSlugTaken(missing);
      bySlug = await store.idsBySlug(slugs);
    }
    return genres.map((g) => bySlug.get(g.slug)!);
  }

  /**
   * The contract promises a distributor on every resolved listing. A listing without one (or
   * with an id the catalog does not know) gets the shop its URL's host belongs to, created when
   * new, with provisional country and currency, and recorded for review.
   */
  private async resolveDistributor(
    distributors: DistributorStore,
    distributorId: string | null,
    url: string,
    priceCurrency: string | null,
    reviews: OpenReview[],
  ): Promise<DistributorRef> {
    if (distributorId) {
      const known = await distributors.findRef(distributorId);
      if (known) return known;
    }
    const existing = await this.findDistributorByHost(distributors, url);
    if (existing) return existing;
    const { host, origin } = hostOf(url);
    const slug = slugify(host);
    const country = countryOfHost(host);
    const inserted = await distributors.insertAutoCreated({ name: host, slug, country, websiteUrl: origin, currency: priceCurrency ?? 'XXX' });
    if (inserted) {
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
    return (await distributors.findRefBySlugOrName(slug, host))!;
  }

  private async findDistributorByHost(distributors: DistributorStore, url: string): Promise<DistributorRef | null> {
    const { host } = hostOf(url);
    // Shops are a few dozen rows: comparing hosts in code beats a URL-parsing SQL expression.
    const match = (await distributors.websites()).find((row) => safeHost(row.websiteUrl) === host);
    return match ? { id: match.id, country: match.country } : null;
  }

  private async recordReviews(manager: EntityManager, subject: string, reviews: OpenReview[], out: EventOf<'catalog.listing.resolved' | 'catalog.announcement.resolved'>): Promise<void> {
    const store = new ReviewStore(manager);
    for (const review of reviews) await store.open(subject, review, out);
  }
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

import type { EntityManager } from 'typeorm';
import { createEvent, enqueueEvents, knownCountrySchema, type EventData, type EventOf } from '@mrt/events';
import { decideBand, type BandCandidate, type ListingEvidence } from './band-matching.js';
import { canonicalGenres } from './genre-text.js';
import { cleanDisplayName, foldName, slugify } from './normalize.js';

const PRODUCER = 'catalog';

type ReviewKind = 'AMBIGUOUS_BAND' | 'SAME_NAME_BAND_CREATED' | 'DISTRIBUTOR_CREATED';
interface PendingReview {
  kind: ReviewKind;
  rawName: string;
  reason: string;
  candidateIds: string[];
  chosenBandId: string | null;
  distributorId: string | null;
  bandPosition: number;
}

interface Resolved {
  bandIds: string[];
  labelId: string | null;
  genreIds: string[];
  reviews: PendingReview[];
}

/**
 * Turns raw listings and announcements into catalog ids. Every method runs in the consumer's
 * inbox transaction (`manager`), so the rows it creates, the review entries and the outgoing
 * event commit together or not at all: a redelivered event finds it all done.
 */
export class ResolutionService {
  async onListingCaptured(manager: EntityManager, event: EventOf<'raw.listing.captured'>, traceparent: string | null): Promise<void> {
    const data = event.data;
    const reviews: PendingReview[] = [];
    const distributor = await this.resolveDistributor(manager, data.distributorId, data.url, data.price?.currency ?? null, reviews);
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
    const distributorId = data.distributorId ?? (await this.findDistributorByHost(manager, data.url))?.id ?? null;
    await enqueueEvents(manager, [createEvent('catalog.listing.removed', { producer: PRODUCER, subject: event.subject, traceparent, data: { ...data, distributorId } })]);
  }

  private async resolveNames(
    manager: EntityManager,
    data: Pick<EventData<'raw.listing.captured'>, 'bandNames' | 'label' | 'genre'>,
    shopCountry: string | null,
  ): Promise<Resolved> {
    const labelId = data.label ? await this.resolveLabel(manager, data.label) : null;
    const genreIds = await this.resolveGenres(manager, data.genre);
    const evidence: ListingEvidence = { labelId, genreIds, shopCountry };
    const reviews: PendingReview[] = [];
    const bandIds: string[] = [];
    // Splits: every band of the listing, in the shop's order (bandIds[i] is bandNames[i]).
    for (const [position, rawName] of data.bandNames.entries()) {
      const result = await this.resolveBand(manager, rawName, evidence, data.genre);
      bandIds.push(result.bandId);
      if (result.review) reviews.push({ ...result.review, rawName, bandPosition: position, distributorId: null });
    }
    return { bandIds, labelId, genreIds, reviews };
  }

  private async resolveBand(
    manager: EntityManager,
    rawName: string,
    evidence: ListingEvidence,
    genreText: string | null,
  ): Promise<{ bandId: string; review: null | Omit<PendingReview, 'rawName' | 'bandPosition' | 'distributorId'> }> {
    const name = cleanDisplayName(rawName);
    const folded = foldName(name);
    // Two listings of a new band handled at once must not create it twice.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`catalog:band:${folded}`]);
    const candidates = await this.bandCandidates(manager, folded);
    const decision = decideBand(name, candidates, evidence);
    if (decision.kind === 'match') {
      // An uncertain pick teaches nothing: its evidence is added once an operator confirms it.
      if (!decision.review) await this.addEvidence(manager, decision.bandId, evidence, genreText);
      return {
        bandId: decision.bandId,
        review: decision.review && { kind: 'AMBIGUOUS_BAND', reason: decision.review.reason, candidateIds: decision.review.candidateIds, chosenBandId: decision.bandId },
      };
    }
    const bandId = await this.createBand(manager, name, folded);
    await this.addEvidence(manager, bandId, evidence, genreText);
    return {
      bandId,
      review: decision.review && { kind: 'SAME_NAME_BAND_CREATED', reason: decision.review.reason, candidateIds: decision.review.candidateIds, chosenBandId: bandId },
    };
  }

  private async bandCandidates(manager: EntityManager, folded: string): Promise<BandCandidate[]> {
    const rows: { id: string; name: string; country: string | null; genre_ids: string[]; label_ids: string[] }[] = await manager.query(
      `SELECT b.id, b.name, b.country,
              ARRAY(SELECT genre_id FROM band_genre WHERE band_id = b.id) AS genre_ids,
              ARRAY(SELECT label_id FROM band_label WHERE band_id = b.id) AS label_ids
         FROM band b
        WHERE b.name_folded = $1 OR b.aliases_folded @> ARRAY[$1]::text[]
        ORDER BY b.created_at, b.id`,
      [folded],
    );
    return rows.map((row) => ({ id: row.id, name: row.name, country: row.country, genreIds: row.genre_ids, labelIds: row.label_ids }));
  }

  private async createBand(manager: EntityManager, name: string, folded: string): Promise<string> {
    const base = slugify(name);
    for (let n = 1; ; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO band (name, slug, name_folded) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [name, slug, folded],
      );
      if (rows[0]) return rows[0].id;
    }
  }

  /**
   * What a listing tells about its band, kept to tell it apart from same-name bands later. One
   * statement (a round trip per listing counts when a shop's whole catalogue is imported).
   */
  async addEvidence(manager: EntityManager, bandId: string, evidence: Pick<ListingEvidence, 'labelId' | 'genreIds'>, genreText: string | null): Promise<void> {
    await manager.query(
      `WITH labels AS (
         INSERT INTO band_label (band_id, label_id) SELECT $1, $2::uuid WHERE $2::uuid IS NOT NULL ON CONFLICT DO NOTHING
       ), genres AS (
         INSERT INTO band_genre (band_id, genre_id) SELECT $1, unnest($3::uuid[]) ON CONFLICT DO NOTHING
       )
       UPDATE band SET genre_text = $4::text WHERE id = $1 AND $4::text IS NOT NULL AND genre_text IS DISTINCT FROM $4::text`,
      [bandId, evidence.labelId, evidence.genreIds, genreText],
    );
  }

  private async resolveLabel(manager: EntityManager, rawName: string): Promise<string | null> {
    const name = cleanDisplayName(rawName);
    const folded = foldName(name);
    if (!folded) return null;
    const slug = folded.replace(/ /g, '-').slice(0, 120);
    // Known labels (nearly every listing's) cost one read; only a new one is inserted.
    const find = async () => ((await manager.query(`SELECT id FROM label WHERE slug = $1`, [slug])) as { id: string }[])[0]?.id;
    const known = await find();
    if (known) return known;
    await manager.query(`INSERT INTO label (name, slug, name_folded) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING`, [name, slug, folded]);
    return (await find())!;
  }

  private async resolveGenres(manager: EntityManager, text: string | null): Promise<string[]> {
    const genres = canonicalGenres(text);
    if (genres.length === 0) return [];
    const slugs = genres.map((g) => g.slug);
    const find = async () => {
      const rows: { id: string; slug: string }[] = await manager.query(`SELECT id, slug FROM genre WHERE slug = ANY($1::text[])`, [slugs]);
      return new Map(rows.map((row) => [row.slug, row.id]));
    };
    let bySlug = await find();
    const missing = genres.filter((g) => !bySlug.has(g.slug)).sort((a, b) => a.slug.localeCompare(b.slug));
    if (missing.length > 0) {
      // In slug order, so two listings bringing the same new genres cannot lock each other out.
      await manager.query(`INSERT INTO genre (name, slug) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (slug) DO NOTHING`, [
        missing.map((g) => g.name),
        missing.map((g) => g.slug),
      ]);
      bySlug = await find();
    }
    return genres.map((g) => bySlug.get(g.slug)!);
  }

  /**
   * The contract promises a distributor on every resolved listing. A listing without one (or
   * with an id the catalog does not know) gets the shop its URL's host belongs to, created when
   * new, with provisional country and currency, and recorded for review.
   */
  private async resolveDistributor(
    manager: EntityManager,
    distributorId: string | null,
    url: string,
    priceCurrency: string | null,
    reviews: PendingReview[],
  ): Promise<{ id: string; country: string }> {
    if (distributorId) {
      const [known]: { id: string; country: string }[] = await manager.query(`SELECT id, country FROM distributor WHERE id = $1`, [distributorId]);
      if (known) return known;
    }
    const existing = await this.findDistributorByHost(manager, url);
    if (existing) return existing;
    const { host, origin } = hostOf(url);
    const slug = slugify(host);
    const country = countryOfHost(host);
    const inserted: { id: string; country: string }[] = await manager.query(
      `INSERT INTO distributor (name, slug, country, website_url, currency, auto_created) VALUES ($1, $2, $3, $4, $5, true)
       ON CONFLICT DO NOTHING RETURNING id, country`,
      [host, slug, country, origin, priceCurrency ?? 'XXX'],
    );
    if (inserted[0]) {
      reviews.push({
        kind: 'DISTRIBUTOR_CREATED',
        rawName: host,
        reason: `Listing ${url} came without a known distributor${distributorId ? ` (unknown id ${distributorId})` : ''}; created "${host}" with country ${country} (${country === 'ZZ' ? 'unknown' : 'from the domain'}) and currency ${priceCurrency ?? 'XXX (unknown)'}`,
        candidateIds: [],
        chosenBandId: null,
        distributorId: inserted[0].id,
        bandPosition: 0,
      });
      return inserted[0];
    }
    const [row]: { id: string; country: string }[] = await manager.query(
      `SELECT id, country FROM distributor WHERE slug = $1 OR lower(name) = lower($2) ORDER BY created_at LIMIT 1`,
      [slug, host],
    );
    return row!;
  }

  private async findDistributorByHost(manager: EntityManager, url: string): Promise<{ id: string; country: string } | null> {
    const { host } = hostOf(url);
    // Shops are a few dozen rows: comparing hosts in code beats a URL-parsing SQL expression.
    const rows: { id: string; country: string; website_url: string }[] = await manager.query(`SELECT id, country, website_url FROM distributor ORDER BY created_at, id`);
    const match = rows.find((row) => safeHost(row.website_url) === host);
    return match ? { id: match.id, country: match.country } : null;
  }

  private async recordReviews(manager: EntityManager, subject: string, reviews: PendingReview[], out: EventOf<'catalog.listing.resolved' | 'catalog.announcement.resolved'>): Promise<void> {
    for (const review of reviews) {
      await manager.query(
        `INSERT INTO resolution_review (kind, raw_name, reason, candidate_ids, chosen_band_id, distributor_id, subject, band_position, event_type, event_data)
         VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7, $8, $9, $10::jsonb)
         ON CONFLICT (subject, kind, band_position) WHERE status = 'OPEN'
         DO UPDATE SET raw_name = EXCLUDED.raw_name, reason = EXCLUDED.reason, candidate_ids = EXCLUDED.candidate_ids,
                       chosen_band_id = EXCLUDED.chosen_band_id, event_type = EXCLUDED.event_type, event_data = EXCLUDED.event_data`,
        [review.kind, review.rawName, review.reason, review.candidateIds, review.chosenBandId, review.distributorId, subject, review.bandPosition, out.type, JSON.stringify(out.data)],
      );
    }
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

import { randomUUID } from 'node:crypto';
import type { BandCandidate, ListingEvidence } from './band-matching.js';
import { decideBand } from './band-matching.js';
import type { BandEvidence, BandStore, NewBand } from '../modules/band/band.store.js';
import type { OpenReview } from '../modules/review/review.store.js';
import { cleanDisplayName, foldName, slugify } from './normalize.js';

export type BandReview = Omit<OpenReview, 'rawName' | 'bandPosition' | 'distributorId'>;

/** The folded name a shop's spelling of a band is matched on. */
export function bandKey(rawName: string): string {
  return foldName(cleanDisplayName(rawName));
}

/**
 * Band decisions for a batch of listings. The names are locked and their candidates read for the
 * whole batch at once; then each listing is decided in turn against candidates that already
 * carry the evidence and the new bands of the listings before it, exactly as if every listing
 * had its own transaction; the new bands and the evidence are written at the end.
 */
export class BandBatch {
  private readonly created: NewBand[] = [];
  private readonly evidence: BandEvidence[] = [];

  private constructor(
    private readonly bands: BandStore,
    private readonly candidatesByName: Map<string, BandCandidate[]>,
    /** Slugs of the bands read: where the same-name bands created here cannot go. */
    private readonly takenSlugs: Set<string>,
  ) {}

  /** Locks the names (a concurrent batch creating the same band waits) and reads their candidates. */
  static async load(bands: BandStore, rawNames: readonly string[]): Promise<BandBatch> {
    const keys = [...new Set(rawNames.map(bandKey))];
    await bands.lockFoldedNames(keys);
    const candidates = await bands.candidatesNamed(keys);
    const slugs = new Set([...candidates.values()].flat().map((band) => band.slug));
    return new BandBatch(bands, candidates, slugs);
  }

  resolve(rawName: string, evidence: ListingEvidence, genreText: string | null): { bandId: string; review: BandReview | null } {
    const name = cleanDisplayName(rawName);
    const folded = foldName(name);
    const candidates = this.candidatesByName.get(folded) ?? [];
    const decision = decideBand(name, candidates, evidence);
    if (decision.kind === 'match') {
      // An uncertain pick teaches nothing: its evidence is added once an operator confirms it.
      if (!decision.review) this.addEvidence(candidates.find((c) => c.id === decision.bandId)!, evidence, genreText);
      return {
        bandId: decision.bandId,
        review: decision.review && { kind: 'AMBIGUOUS_BAND', reason: decision.review.reason, candidateIds: decision.review.candidateIds, chosenBandId: decision.bandId },
      };
    }
    const band: BandCandidate = { id: randomUUID(), name, country: null, genreIds: [], labelIds: [] };
    this.created.push({ id: band.id, name, slug: slugify(name), nameFolded: folded, createdAfter: this.created.length });
    // The newest band of that name: the next listing naming it finds it last, as "oldest first" has it.
    this.candidatesByName.set(folded, [...candidates, band]);
    this.addEvidence(band, evidence, genreText);
    return {
      bandId: band.id,
      review: decision.review && { kind: 'SAME_NAME_BAND_CREATED', reason: decision.review.reason, candidateIds: decision.review.candidateIds, chosenBandId: band.id },
    };
  }

  /**
   * Inserts the new bands, then every listing's evidence, in one statement each. Same-name bands
   * get the first free slug of "name", "name-2", "name-3"...: free among the slugs of the bands
   * read, and when another band holds it after all (one of another name, or a concurrent
   * transaction's), the next ones are tried one statement at a time.
   */
  async write(): Promise<void> {
    const placed = this.created.map((band) => {
      let slug = band.slug;
      for (let n = 2; this.takenSlugs.has(slug); n++) slug = `${band.slug}-${n}`;
      this.takenSlugs.add(slug);
      return { ...band, slug };
    });
    const inserted = await this.bands.insertUnlessSlugTaken(placed);
    for (const band of this.created) if (!inserted.has(band.id)) await this.bands.insertWithFreeSlug(band);
    if (this.evidence.length > 0) await this.bands.addEvidenceOfListings(this.evidence);
  }

  private addEvidence(band: BandCandidate, evidence: ListingEvidence, genreText: string | null): void {
    if (evidence.labelId && !band.labelIds.includes(evidence.labelId)) band.labelIds = [...band.labelIds, evidence.labelId];
    const newGenres = evidence.genreIds.filter((id) => !band.genreIds.includes(id));
    if (newGenres.length > 0) band.genreIds = [...band.genreIds, ...newGenres];
    this.evidence.push({ bandId: band.id, labelId: evidence.labelId, genreIds: evidence.genreIds, genreText });
  }
}


import type { ReleaseDate, ReleaseType, StockStatus } from '@mrt/events';
import { splitReleaseName } from '../../extract/band-title.js';
import { detectFormat, type FormatEvidence } from '../../extract/format.js';
import { detectNonMusic, type NonMusicEvidence } from '../../extract/non-music.js';
import type { PriceExtraction } from '../../extract/price.js';
import { releaseTypeFromTexts } from '../../extract/release-type.js';
import { parseStock } from '../../extract/stock.js';
import { cleanText } from '../../extract/text.js';
import type { ParsedListing, SkippedItem } from '../../types.js';

/**
 * What a kind-specific parser read about one offer, before the shared rules (merch exclusion,
 * band/title split, format choice, price policy) turn it into a ParsedListing. Keeping those
 * rules here means every source kind applies them identically.
 */
export interface ListingCandidate {
  externalId: string | null;
  /** Absolute URL of the product (page). */
  url: string | null;
  /** The product name as shown ("MGŁA - Age of Excuse (Digipak)"). */
  name: string | null;
  /** Band(s) from a dedicated field (byArtist, band attribute): trusted over the name. */
  bands?: readonly string[];
  /** Shopify vendor / JSON-LD brand when the source is configured to use it as the band. */
  vendor?: string | null;
  /** A separate title field; when given, the name is not needed. */
  title?: string | null;
  formatEvidence?: Omit<FormatEvidence, 'title'>;
  nonMusicEvidence?: Omit<NonMusicEvidence, 'name'>;
  /** Why the product is not a physical release we track (e.g. a digital download), if known. */
  notPhysicalReason?: string | null;
  /** A release type the source states in a structured way; wins over releaseTypeTexts. */
  releaseType?: ReleaseType | null;
  /** Type field, categories, tags: read in order for a release type. */
  releaseTypeTexts?: readonly (string | null | undefined)[];
  /** null when the source shows no price at all. */
  price: PriceExtraction | null;
  stock: StockStatus;
  /** Edition wording from elsewhere than the name, e.g. a Shopify variant "Gold" after "LP - ". */
  variantLabel?: string | null;
  sku?: string | null;
  label?: string | null;
  releaseDate?: ReleaseDate | null;
  genre?: string | null;
  coverUrl?: string | null;
  raw: unknown;
}

export type AssembledListing =
  | { ok: true; listing: ParsedListing; skips: SkippedItem[] }
  | { ok: false; skip: SkippedItem };

export function assembleListing(candidate: ListingCandidate): AssembledListing {
  const name = cleanText(candidate.name);
  const title = cleanText(candidate.title);
  const url = candidate.url;
  const externalId = cleanText(candidate.externalId) ?? url;
  const where = { ...(externalId ? { externalId } : {}), ...(url ? { url } : {}) };
  const fail = (reason: string): AssembledListing => ({ ok: false, skip: { ...where, reason } });

  if (candidate.notPhysicalReason) return fail(candidate.notPhysicalReason);
  const shownName = name ?? title;
  if (shownName === null) return fail('no-title: the item has no name');
  const nonMusic = detectNonMusic({ name: shownName, ...candidate.nonMusicEvidence });
  if (nonMusic !== null) return fail(nonMusic);
  if (url === null) return fail('no-url: the item links to no product page');
  if (externalId === null) return fail('no-id: the item has no SKU, id or URL');

  const bands = (candidate.bands ?? []).map((band) => cleanText(band)).filter((band): band is string => band !== null);
  const parts = splitReleaseName(title ?? shownName, { bands, vendor: candidate.vendor ?? null });
  if (!parts.ok) return fail(parts.reason);
  const { bandNames, formatTexts, stockText, releaseTypeHint, reissue } = parts.value;

  const format = detectFormat({ ...candidate.formatEvidence, title: formatTexts });
  const variant = [parts.value.variant, cleanText(candidate.variantLabel)].filter((v) => v !== null).join(', ');
  const stock = combineStock(candidate.stock, parseStock(stockText));
  const releaseType =
    candidate.releaseType ?? releaseTypeFromTexts(candidate.releaseTypeTexts ?? []) ?? releaseTypeHint ?? null;

  const skips: SkippedItem[] = [];
  let price = null;
  if (candidate.price === null) skips.push({ ...where, reason: 'price-missing: no price shown (listing kept with price null)' });
  else if (!candidate.price.ok) skips.push({ ...where, reason: `${candidate.price.reason} (listing kept with price null)` });
  else price = candidate.price.value;

  return {
    ok: true,
    skips,
    listing: {
      externalId,
      url,
      bandNames,
      title: parts.value.title,
      releaseType: bandNames.length > 1 && releaseType !== 'VIDEO' ? 'SPLIT' : releaseType,
      format,
      variant: variant === '' ? null : variant,
      reissue,
      sku: cleanText(candidate.sku),
      price,
      stock,
      label: cleanText(candidate.label),
      releaseDate: candidate.releaseDate ?? null,
      genre: cleanText(candidate.genre),
      coverUrl: candidate.coverUrl ?? null,
      raw: candidate.raw,
    },
  };
}

/**
 * A "(Pre-Order)" in the name turns an orderable item into a pre-order (many shop systems have
 * no pre-order state), but never overrides an explicit sold-out.
 */
function combineStock(fromSource: StockStatus, fromName: StockStatus): StockStatus {
  if (fromName === 'UNKNOWN') return fromSource;
  if (fromSource === 'UNKNOWN') return fromName;
  if (fromName === 'PRE_ORDER' && fromSource === 'IN_STOCK') return 'PRE_ORDER';
  return fromSource;
}

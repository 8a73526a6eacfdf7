import type { Format, Money, ReleaseDate, ReleaseType, SourceKind, StockStatus } from '@mrt/events';

/**
 * A document as the fetcher got it. The body may still be raw bytes: only the parser knows
 * whether it is HTML (charset in <meta>) or JSON/XML, so decoding happens here, not there.
 */
export interface FetchedDocument {
  body: string | Uint8Array;
  /** Absolute URL the body came from; relative links are resolved against it. */
  url: string;
  contentType?: string | null;
  /** The source's per-kind options, validated by the parser's zod schema. */
  options?: unknown;
}

/** One offer of one physical release by one shop. */
export interface ParsedListing {
  /** Stable per shop: SKU, product/variant id, handle or URL. */
  externalId: string;
  url: string;
  /** Display spellings, diacritics kept; several for split releases. Never empty. */
  bandNames: string[];
  title: string;
  releaseType: ReleaseType | null;
  format: Format;
  /** Edition details stripped from the title, e.g. "Digipak" or "red/black marbled vinyl". */
  variant: string | null;
  reissue: boolean;
  sku: string | null;
  /** Null when the shop shows no usable price; a `skipped` entry then says why. */
  price: Money | null;
  stock: StockStatus;
  label: string | null;
  releaseDate: ReleaseDate | null;
  genre: string | null;
  coverUrl: string | null;
  /** The item exactly as captured (JSON object or HTML/XML fragment text), for audits and re-parsing. */
  raw: unknown;
}

/** A band reference with the source's own identifiers, which tell same-name bands apart. */
export interface BandRef {
  name: string;
  externalId: string | null;
  url: string | null;
}

/** A release announced by a non-shop source (Metal Archives, label news, Bandcamp). */
export interface ParsedAnnouncement {
  externalId: string;
  url: string;
  bandNames: string[];
  /** Same order as bandNames; ids only where the source has them (Metal Archives). */
  bandRefs: BandRef[];
  title: string;
  releaseType: ReleaseType | null;
  releaseDate: ReleaseDate | null;
  /** When the source published the announcement (ISO 8601), if it says. */
  publishedAt: string | null;
  genre: string | null;
  label: string | null;
  coverUrl: string | null;
  raw: unknown;
}

/**
 * Why an item (or, with a `price-…` reason, only its price) was left out. `reason` starts with
 * a stable code followed by ": " and a human explanation, see SKIP_REASONS.
 */
export interface SkippedItem {
  externalId?: string;
  url?: string;
  reason: string;
}

export interface ParseIssue {
  message: string;
  detail?: string;
}

export interface ParseResult {
  listings: ParsedListing[];
  announcements: ParsedAnnouncement[];
  /** Product pages (absolute URLs) to fetch next. */
  links: string[];
  nextPage: string | null;
  skipped: SkippedItem[];
  errors: ParseIssue[];
}

export type DocumentParser = (document: FetchedDocument) => ParseResult;

export type { Format, Money, ReleaseDate, ReleaseType, SourceKind, StockStatus };

import type { SourceKind } from '@mrt/events';

/**
 * The documented catalogue paths of the shop platforms, appended to the shop's base URL so an
 * operator configures "https://shop.example" rather than an API path they would have to look up.
 */
const CATALOGUE_PATHS: Partial<Record<SourceKind, string>> = {
  SHOPIFY: 'products.json?limit=250&page=1',
  WOOCOMMERCE: 'wp-json/wc/store/v1/products?per_page=100&page=1',
};

/** The first URL a run of this source fetches. */
export function entryUrl(kind: SourceKind, sourceUrl: string): string {
  // A Bandcamp site's root shows one featured album; its music page lists them all.
  if (kind === 'BANDCAMP') return /^https?:\/\/[^/]+\/?$/.test(sourceUrl) ? new URL('/music', sourceUrl).toString() : sourceUrl;
  const path = CATALOGUE_PATHS[kind];
  if (path === undefined) return sourceUrl;
  // A trailing slash makes the base a directory, so shops served under a sub-path keep it.
  const base = sourceUrl.endsWith('/') ? sourceUrl : `${sourceUrl}/`;
  return new URL(path, base).toString();
}

import type { WebAdminBandDetailsFragment } from '@mrt/operations';

/**
 * A band as an operator tells it from its namesakes: name, country and genres, e.g.
 * "Darkness (DE; Thrash Metal)". Same-name bands are the point of the review queue.
 */
export function bandLabel(band: { name: string; country?: string | null; genres?: readonly { name: string }[] }): string {
  const details = [band.country, (band.genres ?? []).map((genre) => genre.name).join(', ')].filter(Boolean);
  return details.length > 0 ? `${band.name} (${details.join('; ')})` : band.name;
}

/** One line of the side-by-side view of two possibly-duplicate bands. */
export interface ComparisonRow {
  label: string;
  left: string;
  right: string;
  /** The two bands say different things here: worth a look before merging. */
  differs: boolean;
}

const NONE = '—';

/** "12", or "100+" when the page of releases asked for was full. */
export function releaseCountText(releases: { edges: readonly unknown[]; pageInfo: { hasNextPage: boolean } }): string {
  return `${releases.edges.length}${releases.pageInfo.hasNextPage ? '+' : ''}`;
}

function facts(band: WebAdminBandDetailsFragment): Record<string, string> {
  return {
    Name: band.name,
    Aliases: band.aliases.join(', ') || NONE,
    Country: band.country ?? NONE,
    'Formed in': band.formedIn ? String(band.formedIn) : NONE,
    Genres: band.genres.map((genre) => genre.name).join(', ') || NONE,
    'Genre as shops word it': band.genreText ?? NONE,
    'Metal Archives': band.metalArchivesUrl ?? NONE,
    Bandcamp: band.bandcampUrl ?? NONE,
    Releases: releaseCountText(band.releases),
  };
}

/** What catalog and releases know of both bands, field by field, with the differences marked. */
export function compareBands(left: WebAdminBandDetailsFragment, right: WebAdminBandDetailsFragment): ComparisonRow[] {
  const a = facts(left);
  const b = facts(right);
  return Object.keys(a).map((label) => ({ label, left: a[label]!, right: b[label]!, differs: a[label] !== b[label] }));
}

/** The operator keeps one band; the other is merged into it. */
export function mergeArguments(keepId: string, pair: { left: { id: string }; right: { id: string } }): { targetId: string; sourceId: string } {
  if (keepId === pair.left.id) return { targetId: pair.left.id, sourceId: pair.right.id };
  if (keepId === pair.right.id) return { targetId: pair.right.id, sourceId: pair.left.id };
  throw new Error('keep one of the two bands');
}

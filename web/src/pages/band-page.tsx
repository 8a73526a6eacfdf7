import { useQuery } from '../client/client-context';
import { FollowBandButton } from '../components/follow-button';
import { Empty, QueryView } from '../components/states';
import { WebBandDocument } from '@mrt/operations';
import { formatReleaseDate } from '../lib/calendar';
import { formatMoney } from '../lib/money';
import { Link } from '../router';

export function BandPage({ slug }: { slug: string }) {
  const state = useQuery(WebBandDocument, { slug });
  return (
    <QueryView state={state} isEmpty={(data) => !data.band} empty="No band by that name.">
      {({ band }) => {
        const b = band!;
        const releases = b.releases.edges.map((edge) => edge.node);
        return (
          <article aria-labelledby="band-heading">
            <h1 id="band-heading">{b.name}</h1>
            <p className="muted">
              {[b.country, b.formedIn ? `formed ${b.formedIn}` : null, b.genreText, b.status.replace('_', ' ').toLowerCase()].filter(Boolean).join(' · ')}
            </p>
            <FollowBandButton bandId={b.id} bandName={b.name} />
            <h2>Releases</h2>
            {releases.length === 0 ? (
              <Empty>No releases of {b.name} are tracked yet.</Empty>
            ) : (
              <ul className="card-list">
                {releases.map((release) => (
                  <li key={release.id} className="card">
                    <Link to={`/releases/${release.id}`} className="card-link">
                      <span className="release-title">{release.title}</span>
                    </Link>
                    <span className="muted">
                      {release.type.replace('_', ' ').toLowerCase()} · {formatReleaseDate(release)}
                    </span>
                    <span className="price">
                      {release.lowestPrice ? `from ${formatMoney(release.lowestPrice)}` : 'no price yet'} · {release.offerCount} offers
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </article>
        );
      }}
    </QueryView>
  );
}

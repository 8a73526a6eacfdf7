import { useState } from 'react';
import { useQuery } from '../client/client-context';
import { QueryView } from '../components/states';
import { WebUpcomingDocument } from '@mrt/operations';
import { formatReleaseDate, groupByMonth } from '../lib/calendar';
import { Link } from '../router';

const today = () => new Date().toISOString().slice(0, 10);

/** Upcoming releases month by month, from a chosen day on. */
export function CalendarPage() {
  const [from, setFrom] = useState('');
  const state = useQuery(WebUpcomingDocument, { from: from || undefined, first: 100 });
  return (
    <section aria-labelledby="calendar-heading">
      <h1 id="calendar-heading">Upcoming releases</h1>
      <div className="field inline-form">
        <label htmlFor="calendar-from">From</label>
        <input id="calendar-from" type="date" value={from} min="2000-01-01" placeholder={today()} onChange={(event) => setFrom(event.target.value)} />
      </div>
      <QueryView state={state} isEmpty={(data) => data.upcomingReleases.edges.length === 0} empty="No upcoming releases are announced yet.">
        {(data) =>
          groupByMonth(data.upcomingReleases.edges.map((edge) => edge.node)).map((month) => (
            <section key={month.key} className="month" aria-labelledby={`month-${month.key}`}>
              <h2 id={`month-${month.key}`}>{month.label}</h2>
              <ol className="calendar-list">
                {month.releases.map((release) => (
                  <li key={release.id}>
                    <time dateTime={release.releaseDate ?? undefined}>{formatReleaseDate(release, 'en-GB', '')}</time>{' '}
                    <Link to={`/bands/${release.band.slug}`}>{release.band.name}</Link> – <Link to={`/releases/${release.id}`}>{release.title}</Link>
                  </li>
                ))}
              </ol>
            </section>
          ))
        }
      </QueryView>
    </section>
  );
}

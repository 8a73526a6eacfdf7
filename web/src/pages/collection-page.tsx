import { useState } from 'react';
import { asRequestError, useClient, useMutation, useQuery } from '../client/client-context';
import type { GraphqlRequestError } from '../client/graphql-client';
import { CollectionImportForm } from '../components/collection-import';
import { ErrorMessage, QueryView } from '../components/states';
import {
  WebExportMyCollectionDocument,
  WebMyCollectionDocument,
  WebRemoveCollectionItemDocument,
  WebSetCollectionItemDocument,
  type CollectionStatus,
  type Format,
  type WebMyCollectionQuery,
} from '@mrt/operations';
import { formatDate, formatReleaseDate } from '../lib/calendar';
import { downloadText } from '../lib/collection-import';
import { FORMAT_LABELS, FORMATS, isOneOf } from '../lib/enums';
import { Link } from '../router';

type Item = WebMyCollectionQuery['myCollection']['edges'][number]['node'];

export const STATUS_LABELS: Record<CollectionStatus, string> = { WANT: 'Wanted', HAVE: 'Owned' };

function CollectionRow({ item, onChanged }: { item: Item; onChanged: () => void }) {
  const [set, setting] = useMutation(WebSetCollectionItemDocument);
  const [remove, removing] = useMutation(WebRemoveCollectionItemDocument);
  const other: CollectionStatus = item.status === 'WANT' ? 'HAVE' : 'WANT';
  const release = item.release;
  const error = setting.error ?? removing.error;
  return (
    <li className="card collection-item" data-testid="collection-item">
      <span className={`tag status-${item.status.toLowerCase()}`}>{STATUS_LABELS[item.status]}</span>
      {release ? (
        <>
          <Link className="card-link" to={`/releases/${release.id}`}>
            <span className="release-title">{release.title}</span>
          </Link>
          <span>
            <Link to={`/bands/${release.band.slug}`}>{release.band.name}</Link>
            <span className="muted small">
              {' '}
              · {formatReleaseDate(release)}
              {release.reissue ? ' · reissue' : ''}
            </span>
          </span>
        </>
      ) : (
        <span className="muted">A release no longer tracked</span>
      )}
      <span className="muted small">
        {item.format ? FORMAT_LABELS[item.format] : 'Any format'} · added {formatDate(item.createdAt)}
      </span>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={setting.running}
          onClick={async () => {
            if (await set({ input: { releaseId: item.releaseId, format: item.format, status: other } })) onChanged();
          }}
        >
          {other === 'HAVE' ? 'Got it' : 'Want it again'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={removing.running}
          aria-label={`Remove ${release?.title ?? 'this release'} (${item.format ? FORMAT_LABELS[item.format] : 'any format'}) from your collection`}
          onClick={async () => {
            if (await remove({ releaseId: item.releaseId, format: item.format })) onChanged();
          }}
        >
          Remove
        </button>
        {error && (
          <span className="field-error" role="alert">
            {error.message}
          </span>
        )}
      </div>
    </li>
  );
}

/** Downloads the whole collection as CSV, built by the server, saved through a Blob. */
function ExportButton() {
  const client = useClient();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<GraphqlRequestError>();
  return (
    <span>
      <button
        type="button"
        className="secondary"
        disabled={running}
        aria-busy={running}
        onClick={async () => {
          setRunning(true);
          setError(undefined);
          try {
            const { exportMyCollection } = await client.request(WebExportMyCollectionDocument, {});
            downloadText(exportMyCollection, `collection-${new Date().toISOString().slice(0, 10)}.csv`);
          } catch (failure) {
            setError(asRequestError(failure));
          } finally {
            setRunning(false);
          }
        }}
      >
        {running ? 'Exporting…' : 'Export as CSV'}
      </button>
      {error && <ErrorMessage error={error} />}
    </span>
  );
}

export function CollectionPage() {
  const [status, setStatus] = useState<CollectionStatus | null>(null);
  const [format, setFormat] = useState<Format | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<Item[]>([]);
  const state = useQuery(WebMyCollectionDocument, { status, format, after });
  const restart = () => {
    setAfter(null);
    setEarlier([]);
  };
  const reload = () => {
    restart();
    state.refetch();
  };
  // A new filter starts the list again (in the same render, so no page of the old list is asked for).
  const filterBy = (next: { status?: CollectionStatus | null; format?: Format | null }) => {
    restart();
    if (next.status !== undefined) setStatus(next.status);
    if (next.format !== undefined) setFormat(next.format);
  };

  return (
    <section aria-labelledby="collection-heading">
      <h1 id="collection-heading">My collection</h1>
      <p className="muted">Releases you want (you hear about their prices and restocks) and the ones you own.</p>
      <div className="actions">
        <ExportButton />
      </div>
      <form className="inline-form collection-filters" aria-label="Filter the collection" onSubmit={(event) => event.preventDefault()}>
        <span className="filter-pair">
          <label htmlFor="collection-status">Show</label>
          <select id="collection-status" value={status ?? ''} onChange={(event) => filterBy({ status: isOneOf(['WANT', 'HAVE'], event.target.value) ? event.target.value : null })}>
            <option value="">Wanted and owned</option>
            <option value="WANT">Wanted</option>
            <option value="HAVE">Owned</option>
          </select>
        </span>
        <span className="filter-pair">
          <label htmlFor="collection-format">Format</label>
          <select id="collection-format" value={format ?? ''} onChange={(event) => filterBy({ format: isOneOf(FORMATS, event.target.value) ? event.target.value : null })}>
            <option value="">Any</option>
            {FORMATS.map((value) => (
              <option key={value} value={value}>
                {FORMAT_LABELS[value]}
              </option>
            ))}
          </select>
        </span>
      </form>
      <QueryView
        state={state}
        isEmpty={(data) => earlier.length === 0 && data.myCollection.edges.length === 0}
        empty={
          status || format ? (
            'Nothing in your collection matches these filters.'
          ) : (
            <>
              Your collection is empty. Mark releases as wanted or owned on their page, or import a Discogs export below. Browse the <Link to="/releases">releases</Link>.
            </>
          )
        }
      >
        {(data) => {
          const items = [...earlier, ...data.myCollection.edges.map((edge) => edge.node)];
          return (
            <>
              <ul className="card-list" data-testid="collection-list">
                {items.map((item) => (
                  <CollectionRow key={item.id} item={item} onChanged={reload} />
                ))}
              </ul>
              {data.myCollection.pageInfo.hasNextPage && (
                <button
                  type="button"
                  className="load-more secondary"
                  onClick={() => {
                    setEarlier(items);
                    setAfter(data.myCollection.pageInfo.endCursor);
                  }}
                >
                  Show more
                </button>
              )}
            </>
          );
        }}
      </QueryView>
      <CollectionImportForm onImported={reload} />
    </section>
  );
}

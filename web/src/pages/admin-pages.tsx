import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '../client/client-context';
import { ErrorMessage, QueryView } from '../components/states';
import { RunParserDocument, WebParserRunsDocument, WebSetSourceEnabledDocument, WebSourcesDocument } from '@mrt/operations';
import { formatDateTime } from '../lib/calendar';
import { Link } from '../router';

const ACTIVE = ['QUEUED', 'RUNNING'];
const POLL_MS = 2_000;

/** Re-runs a query every few seconds while `active` (a parser run is going on). */
function usePolling(active: boolean, refetch: () => void) {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(refetch, POLL_MS);
    return () => clearInterval(timer);
  }, [active, refetch]);
}

export function AdminSourcesPage() {
  const state = useQuery(WebSourcesDocument, {});
  const [run, running] = useMutation(RunParserDocument);
  const [setEnabled, enabling] = useMutation(WebSetSourceEnabledDocument);
  const [started, setStarted] = useState('');
  const anyActive = !!state.data?.sources.edges.some(({ node: source }) => source.lastRun && ACTIVE.includes(source.lastRun.status));
  usePolling(anyActive, state.refetch);

  return (
    <section aria-labelledby="sources-heading">
      <h1 id="sources-heading">Sources</h1>
      {(running.error ?? enabling.error) && <ErrorMessage error={(running.error ?? enabling.error)!} />}
      {started && <p role="status">{started}</p>}
      <QueryView state={state} isEmpty={(data) => data.sources.edges.length === 0} empty="No sources are configured.">
        {(data) => (
          <div className="table-scroll">
            <table data-testid="sources">
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Schedule</th>
                  <th scope="col">Last run</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.sources.edges.map(({ node: source }) => (
                  <tr key={source.id}>
                    <td>
                      <Link to={`/admin/sources/${source.id}/runs`}>{source.name}</Link>
                      {!source.enabled && <span className="muted small"> (disabled)</span>}
                    </td>
                    <td>{source.kind}</td>
                    <td>{source.schedule ?? '—'}</td>
                    <td>
                      {source.lastRun ? (
                        <>
                          <span className={`status status-${source.lastRun.status.toLowerCase()}`}>{source.lastRun.status}</span> {source.lastRun.listingsSeen} listings
                          {source.lastRun.errors.length > 0 && <span className="field-error"> {source.lastRun.errors.length} errors</span>}
                          <span className="muted small"> {formatDateTime(source.lastRun.finishedAt ?? source.lastRun.queuedAt)}</span>
                        </>
                      ) : (
                        'never'
                      )}
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        disabled={running.running || !source.enabled}
                        onClick={async () => {
                          const result = await run({ sourceId: source.id });
                          if (result) {
                            setStarted(`Run of ${source.name} queued.`);
                            state.refetch();
                          }
                        }}
                      >
                        Run now<span className="visually-hidden"> {source.name}</span>
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        disabled={enabling.running}
                        onClick={async () => {
                          if (await setEnabled({ id: source.id, enabled: !source.enabled })) state.refetch();
                        }}
                      >
                        {source.enabled ? 'Disable' : 'Enable'}
                        <span className="visually-hidden"> {source.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.sources.pageInfo.hasNextPage && <p className="muted small">The first 100 sources by name are shown.</p>}
          </div>
        )}
      </QueryView>
    </section>
  );
}

export function AdminRunsPage({ sourceId }: { sourceId: string }) {
  const state = useQuery(WebParserRunsDocument, { sourceId, first: 30 });
  const anyActive = !!state.data?.parserRuns.edges.some((edge) => ACTIVE.includes(edge.node.status));
  usePolling(anyActive, state.refetch);
  return (
    <section aria-labelledby="runs-heading">
      <p className="breadcrumb">
        <Link to="/admin/sources">Sources</Link>
      </p>
      <h1 id="runs-heading">Parser runs{state.data?.source ? ` of ${state.data.source.name}` : ''}</h1>
      <QueryView state={state} isEmpty={(data) => data.parserRuns.edges.length === 0} empty="This source has not run yet.">
        {(data) => (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Queued</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Status</th>
                  <th scope="col">Pages</th>
                  <th scope="col">Listings (new / changed / removed)</th>
                  <th scope="col">Errors</th>
                </tr>
              </thead>
              <tbody>
                {data.parserRuns.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>{formatDateTime(node.queuedAt)}</td>
                    <td>{node.trigger}</td>
                    <td>
                      <span className={`status status-${node.status.toLowerCase()}`}>{node.status}</span>
                    </td>
                    <td className="number">{node.pagesFetched}</td>
                    <td className="number">
                      {node.listingsSeen} ({node.listingsNew} / {node.listingsChanged} / {node.listingsRemoved})
                    </td>
                    <td>{node.errors.length === 0 ? 'none' : node.errors.map((error) => `${error.code}: ${error.message}`).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}

import { useState } from 'react';
import { RunParserDocument, WebSetSourceEnabledDocument, WebSourcesPageDocument } from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { Pager, useCursorPages } from '../../components/cursor-pager';
import { ErrorMessage, QueryView } from '../../components/states';
import { formatDateTime } from '../../lib/calendar';
import { Link } from '../../router';
import { ACTIVE_RUN, usePolling } from './source-runs-polling';
import './console.css';

const PAGE_SIZE = 20;

/** Every source by name, a page at a time, with run-now and the enable switch. */
export function SourcesListPage() {
  const pages = useCursorPages();
  const state = useQuery(WebSourcesPageDocument, { first: PAGE_SIZE, after: pages.after });
  const [run, running] = useMutation(RunParserDocument);
  const [setEnabled, enabling] = useMutation(WebSetSourceEnabledDocument);
  const [started, setStarted] = useState('');
  const anyActive = !!state.data?.sources.edges.some(({ node }) => node.lastRun && ACTIVE_RUN.includes(node.lastRun.status));
  usePolling(anyActive, state.refetch);
  const actionError = running.error ?? enabling.error;

  return (
    <section aria-labelledby="sources-heading">
      <div className="page-head">
        <h1 id="sources-heading">Sources</h1>
        <Link to="/admin/sources/new" className="button">
          Add source
        </Link>
      </div>
      {actionError && <ErrorMessage error={actionError} />}
      {started && <p role="status">{started}</p>}
      <QueryView state={state} isEmpty={(data) => data.sources.edges.length === 0 && pages.page === 1} empty="No sources are configured yet. Add a shop or a feed to start reading it.">
        {(data) => (
          <>
            <div className="table-scroll stack-on-phone">
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
                      <td data-label="Source">
                        <Link to={`/admin/sources/${source.id}`}>{source.name}</Link>
                        {!source.enabled && <span className="muted small"> (disabled)</span>}
                      </td>
                      <td data-label="Kind">{source.kind}</td>
                      <td data-label="Schedule">{source.schedule ? <code>{source.schedule}</code> : <span className="muted">on demand</span>}</td>
                      <td data-label="Last run">
                        {source.lastRun ? (
                          <span>
                            <span className={`status status-${source.lastRun.status.toLowerCase()}`}>{source.lastRun.status}</span> {source.lastRun.listingsSeen} listings
                            {source.lastRun.errors.length > 0 && (
                              <span className="field-error">
                                {' '}
                                {source.lastRun.errors.length} error{source.lastRun.errors.length === 1 ? '' : 's'}
                              </span>
                            )}
                            <span className="muted small"> {formatDateTime(source.lastRun.finishedAt ?? source.lastRun.queuedAt)}</span>
                          </span>
                        ) : (
                          'never'
                        )}
                      </td>
                      <td data-label="Actions">
                        <div className="actions row-actions">
                          <button
                            type="button"
                            disabled={running.running || !source.enabled}
                            onClick={async () => {
                              if (await run({ sourceId: source.id })) {
                                setStarted(`Run of ${source.name} queued.`);
                                state.refetch();
                              }
                            }}
                          >
                            Run now<span className="visually-hidden"> {source.name}</span>
                          </button>
                          <Link to={`/admin/sources/${source.id}/edit`} className="button secondary">
                            Edit<span className="visually-hidden"> {source.name}</span>
                          </Link>
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
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Source pages" pages={pages} pageInfo={data.sources.pageInfo} loading={state.loading} />
          </>
        )}
      </QueryView>
    </section>
  );
}

import { useState } from 'react';
import { WebRunListingsDocument, RunParserDocument, WebSourceRunsDocument, type WebRunDetailsFragment } from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { Pager, useCursorPages } from '../../components/cursor-pager';
import { Empty, ErrorMessage, QueryView } from '../../components/states';
import { formatDateTime } from '../../lib/calendar';
import { Link } from '../../router';
import { ACTIVE_RUN, usePolling } from './source-runs-polling';
import { FieldCoverageList, IssueList, ListingTable } from './sources-preview';
import './console.css';

const RUNS_PAGE = 10;
const LISTINGS_PAGE = 25;

/** A source's settings, run-now and its runs (newest first) with their issues and field coverage. */
export function SourceRunsPage({ sourceId }: { sourceId: string }) {
  const pages = useCursorPages();
  const state = useQuery(WebSourceRunsDocument, { sourceId, first: RUNS_PAGE, after: pages.after });
  const [run, running] = useMutation(RunParserDocument);
  const [queued, setQueued] = useState(false);
  const source = state.data?.source;
  const anyActive = !!state.data?.parserRuns.edges.some(({ node }) => ACTIVE_RUN.includes(node.status));
  usePolling(anyActive, state.refetch);

  return (
    <section aria-labelledby="runs-heading">
      <p className="breadcrumb">
        <Link to="/admin/sources">Sources</Link>
      </p>
      <div className="page-head">
        <h1 id="runs-heading">Parser runs{source ? ` of ${source.name}` : ''}</h1>
        {source && (
          <div className="actions">
            <button
              type="button"
              disabled={running.running || !source.enabled}
              onClick={async () => {
                if (await run({ sourceId })) {
                  setQueued(true);
                  pages.reset();
                  state.refetch();
                }
              }}
            >
              Run now
            </button>
            <Link to={`/admin/sources/${sourceId}/edit`} className="button secondary">
              Edit source
            </Link>
          </div>
        )}
      </div>
      {running.error && <ErrorMessage error={running.error} />}
      {queued && <p role="status">Run queued; this page follows it.</p>}
      {source && (
        <p className="muted small">
          {source.kind} · <span className="nowrap">{source.url}</span> · {source.schedule ? <code>{source.schedule}</code> : 'on demand'}
          {!source.enabled && ' · disabled'}
        </p>
      )}
      <QueryView state={state} isEmpty={(data) => data.parserRuns.edges.length === 0 && pages.page === 1} empty="This source has not run yet: Run now reads it.">
        {(data) =>
          data.source ? (
            <>
              <ol className="card-list wide" data-testid="parser-runs" aria-label="Runs">
                {data.parserRuns.edges.map(({ node }) => (
                  <li key={node.id} className="card run-card">
                    <RunSummary run={node} />
                    <Link to={`/admin/sources/${sourceId}/runs/${node.id}`}>
                      Listings and issues<span className="visually-hidden"> of the run queued {formatDateTime(node.queuedAt)}</span>
                    </Link>
                  </li>
                ))}
              </ol>
              <Pager label="Run pages" pages={pages} pageInfo={data.parserRuns.pageInfo} loading={state.loading} />
            </>
          ) : (
            <Empty>
              This source does not exist. Back to the <Link to="/admin/sources">sources</Link>.
            </Empty>
          )
        }
      </QueryView>
    </section>
  );
}

/** One run's status, counters, field coverage and issues. */
function RunSummary({ run, open = false }: { run: WebRunDetailsFragment; open?: boolean }) {
  return (
    <>
      <p>
        <span className={`status status-${run.status.toLowerCase()}`}>{run.status}</span> {run.trigger === 'MANUAL' ? 'started by hand' : 'scheduled'},{' '}
        <time dateTime={run.queuedAt}>{formatDateTime(run.queuedAt)}</time>
        {run.finishedAt && <span className="muted small"> (finished {formatDateTime(run.finishedAt)})</span>}
      </p>
      <p className="small">
        {run.pagesFetched} pages read{run.pagesNotModified > 0 && `, ${run.pagesNotModified} not modified`} · {run.listingsSeen} listings ({run.listingsNew} new, {run.listingsChanged} changed,{' '}
        {run.listingsRemoved} removed) · {run.itemsSkipped} skipped
        {run.removalSuppressed && <strong> · removals held back: far fewer listings than the last good run</strong>}
      </p>
      {run.fieldCoverage && <FieldCoverageList coverage={run.fieldCoverage} />}
      {(run.errors.length > 0 || run.skipped.length > 0) && (
        <details open={open}>
          <summary>
            {run.errors.length} errors, {run.skipped.length} skipped
          </summary>
          <IssueList title="Errors" issues={run.errors} />
          <IssueList title="Skipped" issues={run.skipped} />
        </details>
      )}
    </>
  );
}

/**
 * One run and the source's raw listings as captured. Listings are stored per source (a run
 * updates them), so each row says whether this run saw it: last seen while the run ran.
 */
export function RunListingsPage({ sourceId, runId }: { sourceId: string; runId: string }) {
  const pages = useCursorPages();
  const state = useQuery(WebRunListingsDocument, { sourceId, runId, first: LISTINGS_PAGE, after: pages.after });
  const run = state.data?.parserRun;
  usePolling(!!run && ACTIVE_RUN.includes(run.status), state.refetch);
  const seenInRun = (lastSeenAt: string) => !!run?.startedAt && lastSeenAt >= run.startedAt && (!run.finishedAt || lastSeenAt <= run.finishedAt);
  const newInRun = (firstSeenAt: string) => seenInRun(firstSeenAt);

  return (
    <section aria-labelledby="run-heading">
      <p className="breadcrumb">
        <Link to="/admin/sources">Sources</Link>
        {run?.source && (
          <>
            {' / '}
            <Link to={`/admin/sources/${sourceId}`}>{run.source.name}</Link>
          </>
        )}
      </p>
      <h1 id="run-heading">Run{run ? ` of ${formatDateTime(run.queuedAt)}` : ''}</h1>
      <QueryView state={state}>
        {(data) =>
          data.parserRun ? (
            <>
              <div className="card">
                <RunSummary run={data.parserRun} open />
              </div>
              <h2>Raw listings</h2>
              {data.rawListings.edges.length === 0 ? (
                <Empty>No listings are stored for this source.</Empty>
              ) : (
                <>
                  <ListingTable
                    testId="raw-listings"
                    lastColumn="This run"
                    rows={data.rawListings.edges.map(({ node }) => ({
                      externalId: node.externalId,
                      url: node.url,
                      fields: node.normalized,
                      last: node.removedAt ? (
                        <span className="muted">removed {formatDateTime(node.removedAt)}</span>
                      ) : newInRun(node.firstSeenAt) ? (
                        'new'
                      ) : seenInRun(node.lastSeenAt) ? (
                        'seen'
                      ) : (
                        <span className="muted">last seen {formatDateTime(node.lastSeenAt)}</span>
                      ),
                    }))}
                  />
                  <Pager label="Listing pages" pages={pages} pageInfo={data.rawListings.pageInfo} loading={state.loading} />
                </>
              )}
            </>
          ) : (
            <Empty>
              This run does not exist. Back to the <Link to={`/admin/sources/${sourceId}`}>source</Link>.
            </Empty>
          )
        }
      </QueryView>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { WebAuditLogDocument, type WebAuditLogQuery } from '@mrt/operations';
import { useQuery } from '../client/client-context';
import { Empty, QueryView } from '../components/states';
import { formatDateTime } from '../lib/calendar';
import { useAuth } from '../state/auth';

const PAGE_SIZE = 25;
const SUBGRAPHS = ['raw-data', 'catalog', 'releases', 'delivery', 'notifications', 'users'];

type Entry = WebAuditLogQuery['auditLog']['edges'][number]['node'];

interface AuditFilters {
  actorId: string;
  subgraph: string;
  operation: string;
  outcome: string;
  from: string;
  to: string;
}

const NO_FILTERS: AuditFilters = { actorId: '', subgraph: '', operation: '', outcome: '', from: '', to: '' };

/** The form's values as the query's filter: empty fields say nothing, dates are whole local days. */
function toFilter(filters: AuditFilters) {
  const day = (value: string, plusDays = 0) => {
    if (!value) return null;
    const date = new Date(`${value}T00:00:00`);
    date.setDate(date.getDate() + plusDays);
    return date.toISOString();
  };
  return {
    actorId: filters.actorId.trim() || null,
    subgraph: filters.subgraph || null,
    operation: filters.operation.trim() || null,
    outcome: filters.outcome || null,
    from: day(filters.from),
    // "to" includes the day it names.
    to: day(filters.to, 1),
  };
}

/** Every operator mutation in any subgraph, for admins (users:admin belongs to ADMIN). */
export function AdminAuditPage() {
  const { user } = useAuth();
  if (!user?.roles.includes('ADMIN')) return <Empty>The audit log is for admins.</Empty>;
  return <AuditLog />;
}

function AuditLog() {
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  // The cursors of the pages before this one: "Newer" pops, "Older" pushes.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const state = useQuery(WebAuditLogDocument, { filter: toFilter(filters), first: PAGE_SIZE, after });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setCursors([null]);
  };
  const field = (name: keyof AuditFilters, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{label}</label>
      <input id={`audit-${name}`} type={type} value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} />
    </div>
  );

  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit log</h1>
      <p className="muted">Every operator change in every service, successful or not, newest first. Secrets are masked.</p>
      <form className="filters audit-filters" role="search" aria-label="Audit filters" onSubmit={apply}>
        <div className="filter-grid">
          {field('actorId', 'Actor id')}
          <div className="field">
            <label htmlFor="audit-subgraph">Service</label>
            <select id="audit-subgraph" value={draft.subgraph} onChange={(event) => setDraft({ ...draft, subgraph: event.target.value })}>
              <option value="">Any</option>
              {SUBGRAPHS.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </div>
          {field('operation', 'Operation')}
          <div className="field">
            <label htmlFor="audit-outcome">Outcome</label>
            <select id="audit-outcome" value={draft.outcome} onChange={(event) => setDraft({ ...draft, outcome: event.target.value })}>
              <option value="">Any</option>
              <option value="OK">Succeeded</option>
              <option value="ERROR">Failed</option>
            </select>
          </div>
          {field('from', 'From', 'date')}
          {field('to', 'To', 'date')}
        </div>
        <div className="actions">
          <button type="submit">Apply</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setCursors([null]);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <QueryView state={state} isEmpty={(data) => data.auditLog.edges.length === 0} empty="No operator changes match these filters.">
        {(data) => (
          <>
            <div className="table-scroll">
              <table data-testid="audit-log">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {data.auditLog.edges.map(({ node }) => (
                    <AuditRow key={node.id} entry={node} />
                  ))}
                </tbody>
              </table>
            </div>
            <nav className="actions" aria-label="Audit pages">
              <button type="button" className="secondary" disabled={cursors.length === 1 || state.loading} onClick={() => setCursors(cursors.slice(0, -1))}>
                Newer
              </button>
              <button
                type="button"
                className="secondary"
                disabled={!data.auditLog.pageInfo.hasNextPage || state.loading}
                onClick={() => setCursors([...cursors, data.auditLog.pageInfo.endCursor ?? null])}
              >
                Older
              </button>
              <span className="muted small">Page {cursors.length}</span>
            </nav>
          </>
        )}
      </QueryView>
    </section>
  );
}

function AuditRow({ entry }: { entry: Entry }) {
  const ok = entry.outcome === 'OK';
  return (
    <tr>
      <td className="nowrap">{formatDateTime(entry.occurredAt)}</td>
      <td>
        <code className="small">{entry.actorId ?? 'unknown'}</code>
        <div className="muted small">{entry.actorRoles.filter((role) => role !== 'USER').join(', ') || 'USER'}</div>
      </td>
      <td>
        <strong>{entry.field}</strong>
        <div className="muted small">
          {entry.subgraph} · {entry.scope}
          {entry.operationName ? ` · ${entry.operationName}` : ''}
        </div>
      </td>
      <td>
        <span className={`status ${ok ? 'status-ok' : 'status-failed'}`}>{ok ? 'OK' : entry.outcome}</span>
        {entry.errorMessage && <div className="small">{entry.errorMessage}</div>}
      </td>
      <td>
        <details>
          <summary>
            Arguments{entry.changes.length > 0 ? ` and ${entry.changes.length} change${entry.changes.length === 1 ? '' : 's'}` : ''}
          </summary>
          <pre className="audit-json">{JSON.stringify(entry.variables, null, 2)}</pre>
          {entry.changes.map((change) => (
            <div key={`${change.entity}:${change.id}`}>
              <p className="small">
                {change.entity} <code>{change.id}</code>
              </p>
              <div className="audit-diff">
                <pre className="audit-json" aria-label="Before">{JSON.stringify(change.before, null, 2)}</pre>
                <pre className="audit-json" aria-label="After">{JSON.stringify(change.after, null, 2)}</pre>
              </div>
            </div>
          ))}
        </details>
      </td>
    </tr>
  );
}

import { useState } from 'react';
import { asRequestError, useClient } from '../client/client-context';
import type { GraphqlRequestError } from '../client/graphql-client';
import { WebImportCollectionDocument, type CollectionStatus } from '@mrt/operations';
import { joinReports, splitForUpload, type ImportReport } from '../lib/collection-import';
import { fieldErrors } from '../lib/field-errors';

/** What the import did, with every row it could not use and why, by line of the file. */
export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report" role="status" aria-live="polite" data-testid="import-report">
      <p>
        <strong>{report.imported}</strong> imported · {report.alreadyThere} already in your collection · {report.unmatched.length} not found · {report.invalid.length} unreadable
      </p>
      {report.unmatched.length > 0 && (
        <>
          <h3>Not found</h3>
          <ul className="plain-list" data-testid="import-unmatched">
            {report.unmatched.map((row) => (
              <li key={`u${row.line}`}>
                Line {row.line}: {row.artist} – {row.title} <span className="muted small">({row.reason})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.invalid.length > 0 && (
        <>
          <h3>Unreadable rows</h3>
          <ul className="plain-list" data-testid="import-invalid">
            {report.invalid.map((row) => (
              <li key={`i${row.line}`}>
                Line {row.line}: {row.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * A Discogs collection or wantlist export (or this site's own export), chosen as a file or pasted,
 * sent in parts when large; the report lists what was not imported.
 */
export function CollectionImportForm({ onImported }: { onImported: () => void }) {
  const client = useClient();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [status, setStatus] = useState<CollectionStatus>('WANT');
  const [followBands, setFollowBands] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<GraphqlRequestError>();
  const [report, setReport] = useState<ImportReport>();
  /** Which part is on its way, when the file goes in several. */
  const [progress, setProgress] = useState<{ sent: number; parts: number } | null>(null);
  const problems = fieldErrors(error, ['csv']);

  return (
    <form
      className="card collection-import"
      aria-labelledby="import-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!text.trim()) return;
        setRunning(true);
        setError(undefined);
        setReport(undefined);
        try {
          const results = [];
          const parts = splitForUpload(text);
          for (const [index, part] of parts.entries()) {
            setProgress({ sent: index, parts: parts.length });
            const { importCollection } = await client.request(WebImportCollectionDocument, { csv: part.csv, as: status, followBands });
            results.push({ part, report: importCollection });
          }
          setProgress(parts.length > 1 ? { sent: parts.length, parts: parts.length } : null);
          setReport(joinReports(results));
          onImported();
        } catch (failure) {
          setProgress(null);
          setError(asRequestError(failure));
        } finally {
          setRunning(false);
        }
      }}
    >
      <h2 id="import-heading">Import from Discogs</h2>
      <p className="muted small">
        On Discogs, export your collection or wantlist as CSV (Dashboard → Export), then choose the file or paste its text. Rows are matched by artist and title.
      </p>
      <div className="field">
        <label htmlFor="import-file">CSV file</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            setFileName(file.name);
            setText(await file.text());
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="import-text">Or paste it here</label>
        <textarea
          id="import-text"
          rows={6}
          value={text}
          aria-invalid={!!problems.fields.csv}
          aria-describedby={problems.fields.csv ? 'import-text-error' : undefined}
          placeholder="Catalog#,Artist,Title,Label,Format,…"
          onChange={(event) => {
            setFileName(null);
            setText(event.target.value);
          }}
        />
        {fileName && <span className="muted small">Read from {fileName}</span>}
        {problems.fields.csv && (
          <span id="import-text-error" className="field-error">
            {problems.fields.csv}
          </span>
        )}
      </div>
      <fieldset>
        <legend>Add the rows as</legend>
        <label className="check">
          <input type="radio" name="import-status" checked={status === 'WANT'} onChange={() => setStatus('WANT')} />
          Wanted (and follow them for prices and restocks)
        </label>
        <label className="check">
          <input type="radio" name="import-status" checked={status === 'HAVE'} onChange={() => setStatus('HAVE')} />
          Owned
        </label>
      </fieldset>
      {status === 'WANT' && (
        <label className="check">
          <input type="checkbox" checked={followBands} onChange={(event) => setFollowBands(event.target.checked)} />
          Also follow their bands
        </label>
      )}
      <div className="actions">
        <button type="submit" disabled={running || !text.trim()} aria-busy={running}>
          {running ? 'Importing…' : 'Import'}
        </button>
        {error && problems.general && (
          <span className="field-error" role="alert">
            {problems.general}
          </span>
        )}
      </div>
      {progress && (
        <p className="muted small" role="status" data-testid="import-progress">
          {progress.sent < progress.parts ? `Sending part ${progress.sent + 1} of ${progress.parts}…` : `Sent in ${progress.parts} parts.`}
        </p>
      )}
      {report && <ImportReportView report={report} />}
    </form>
  );
}

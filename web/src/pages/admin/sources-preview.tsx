import type { ReactNode } from 'react';
import type { WebFieldCoverageFragment, WebPreviewSourceMutation, WebRunIssueFragment } from '@mrt/operations';
import { COVERAGE_FIELDS, coverageText, listingSummary } from '../../lib/listing-fields';

type Preview = WebPreviewSourceMutation['previewSource'];

/** How complete the listings read were, field by field. */
export function FieldCoverageList({ coverage }: { coverage: WebFieldCoverageFragment }) {
  return (
    <ul className="coverage" aria-label="Field coverage">
      {COVERAGE_FIELDS.map((field) => {
        const count = coverage[field];
        const low = coverage.listings > 0 && count < coverage.listings;
        return (
          <li key={field} className={low ? 'low' : undefined}>
            <span className="muted">{field}</span> {coverageText(count, coverage.listings)}
          </li>
        );
      })}
    </ul>
  );
}

/** A run's or a preview's errors or skipped items, with the stable code first. */
export function IssueList({ title, issues }: { title: string; issues: readonly WebRunIssueFragment[] }) {
  if (issues.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({issues.length})
      </h3>
      <ul className="issue-list">
        {issues.map((issue, index) => (
          <li key={`${issue.code}-${index}`}>
            <code>{issue.code}</code> {issue.message}
            {issue.externalId && <span className="muted"> · {issue.externalId}</span>}
            {issue.url && <span className="muted small"> · {issue.url}</span>}
            {issue.detail && <div className="muted small">{issue.detail}</div>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** What previewSource read: nothing of it is stored. */
export function SourcePreviewView({ preview }: { preview: Preview }) {
  return (
    <section className="preview" aria-labelledby="preview-heading" data-testid="source-preview">
      <h2 id="preview-heading">Preview</h2>
      <p>
        {preview.pagesFetched} page{preview.pagesFetched === 1 ? '' : 's'} read, {preview.listings.length} listing{preview.listings.length === 1 ? '' : 's'}
        {preview.announcements > 0 && `, ${preview.announcements} announcements`}
        {preview.truncated && <span className="muted"> (the preview stops at its page limit; a run reads on)</span>}. Nothing is saved.
      </p>
      <FieldCoverageList coverage={preview.fieldCoverage} />
      <IssueList title="Errors" issues={preview.errors} />
      <IssueList title="Skipped" issues={preview.skipped} />
      {preview.listings.length === 0 ? (
        <p className="state state-empty">No listings were read{preview.errors.length > 0 ? ': see the errors above' : ''}.</p>
      ) : (
        <ListingTable
          testId="preview-listings"
          lastColumn="Missing"
          rows={preview.listings.map((listing) => ({
            externalId: listing.externalId,
            url: listing.url,
            fields: listing.fields,
            last: listing.missingFields.length === 0 ? <span className="muted">none</span> : listing.missingFields.join(', '),
          }))}
        />
      )}
    </section>
  );
}

/** One listing as an operator reads it: what the parser made of it, and one column of context. */
export interface ListingRow {
  externalId: string;
  url: string;
  fields: Parameters<typeof listingSummary>[0];
  last: ReactNode;
}

/** The listings of a preview or of a run, in one table that stacks on a phone. */
export function ListingTable({ testId, lastColumn, rows }: { testId: string; lastColumn: string; rows: ListingRow[] }) {
  return (
    <div className="table-scroll stack-on-phone">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Band</th>
            <th scope="col">Title</th>
            <th scope="col">Format</th>
            <th scope="col">Price</th>
            <th scope="col">Stock</th>
            <th scope="col">{lastColumn}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const summary = listingSummary(row.fields);
            return (
              <tr key={row.externalId}>
                <td data-label="Band">{summary.bands}</td>
                <td data-label="Title">
                  <a href={row.url} target="_blank" rel="noreferrer">
                    {summary.title || row.externalId}
                  </a>
                </td>
                <td data-label="Format">{summary.format}</td>
                <td data-label="Price" className="number">
                  {summary.price}
                </td>
                <td data-label="Stock">{summary.stock}</td>
                <td data-label={lastColumn}>{row.last}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

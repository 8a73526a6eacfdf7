import { useEffect, useRef, useState } from 'react';
import { WebBandPairDocument, WebDuplicateBandsDocument, WebMergeBandsDocument, type WebAdminBandSummaryFragment } from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { Pager, useCursorPages } from '../../components/cursor-pager';
import { ErrorMessage, QueryView } from '../../components/states';
import { bandLabel, compareBands, mergeArguments } from '../../lib/band-comparison';
import { Link } from '../../router';
import { ResolutionNav } from './resolution-nav';

const SIMILARITIES = ['0.5', '0.6', '0.7', '0.8', '0.9'];


/** Bands whose names are alike: compared side by side, then merged into the one the operator keeps. */
export function ResolutionDuplicatesPage() {
  const [minSimilarity, setMinSimilarity] = useState('0.6');
  const pages = useCursorPages();
  const state = useQuery(WebDuplicateBandsDocument, { minSimilarity: Number(minSimilarity), first: 20, after: pages.after });
  const [comparing, setComparing] = useState<{ left: WebAdminBandSummaryFragment; right: WebAdminBandSummaryFragment } | null>(null);
  const [outcome, setOutcome] = useState('');

  return (
    <section aria-labelledby="duplicates-heading">
      <h1 id="duplicates-heading">Resolution</h1>
      <ResolutionNav />
      <div className="field inline-field">
        <label htmlFor="duplicate-similarity">Names at least this alike</label>
        <select
          id="duplicate-similarity"
          value={minSimilarity}
          onChange={(event) => {
            setMinSimilarity(event.target.value);
            pages.reset();
          }}
        >
          {SIMILARITIES.map((value) => (
            <option key={value} value={value}>
              {Math.round(Number(value) * 100)}%
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="outcome">
        {outcome}
      </p>
      {comparing && (
        <BandComparison
          key={`${comparing.left.id}:${comparing.right.id}`}
          pair={comparing}
          onClose={() => setComparing(null)}
          onMerged={(text) => {
            setOutcome(text);
            setComparing(null);
            state.refetch();
          }}
        />
      )}
      <QueryView state={state} isEmpty={(data) => data.potentialDuplicateBands.edges.length === 0} empty="No bands look like duplicates at this similarity.">
        {(data) => (
          <>
            <div className="table-scroll stack-on-phone">
              <table data-testid="duplicate-pairs">
                <thead>
                  <tr>
                    <th scope="col">Band</th>
                    <th scope="col">Looks like</th>
                    <th scope="col">Alike</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.potentialDuplicateBands.edges.map(({ node }) => (
                    <tr key={`${node.band.id}:${node.other.id}`}>
                      <td data-label="Band">{bandLabel(node.band)}</td>
                      <td data-label="Looks like">{bandLabel(node.other)}</td>
                      <td data-label="Alike" className="number">
                        {Math.round(node.similarity * 100)}%
                      </td>
                      <td>
                        <button type="button" className="secondary" onClick={() => setComparing({ left: node.band, right: node.other })}>
                          Compare<span className="visually-hidden"> {bandLabel(node.band)} with {bandLabel(node.other)}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Duplicate pages" pages={pages} pageInfo={data.potentialDuplicateBands.pageInfo} loading={state.loading} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function BandComparison({
  pair,
  onClose,
  onMerged,
}: {
  pair: { left: WebAdminBandSummaryFragment; right: WebAdminBandSummaryFragment };
  onClose: () => void;
  onMerged: (outcome: string) => void;
}) {
  const state = useQuery(WebBandPairDocument, { left: pair.left.id, right: pair.right.id });
  const [keep, setKeep] = useState(pair.left.id);
  const [merge, merging] = useMutation(WebMergeBandsDocument);
  // Keyboard users land on the comparison they opened.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="comparison card" aria-labelledby="comparison-heading" data-testid="band-comparison">
      <h2 id="comparison-heading" tabIndex={-1} ref={heading}>
        {bandLabel(pair.left)} and {bandLabel(pair.right)}
      </h2>
      <QueryView state={state}>
        {(data) => {
          if (!data.left || !data.right) return <p>One of the two bands is gone (merged meanwhile). Close this and reload the list.</p>;
          const left = data.left;
          const right = data.right;
          const kept = keep === left.id ? left : right;
          const merged = keep === left.id ? right : left;
          return (
            <>
              <div className="table-scroll">
                <table className="comparison-table">
                  <thead>
                    <tr>
                      <th scope="col">
                        <span className="visually-hidden">Field</span>
                      </th>
                      <th scope="col">
                        {left.name} <Link to={`/admin/bands/${left.id}`} className="small">edit</Link>
                      </th>
                      <th scope="col">
                        {right.name} <Link to={`/admin/bands/${right.id}`} className="small">edit</Link>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {compareBands(left, right).map((row) => (
                      <tr key={row.label} className={row.differs ? 'differs' : undefined}>
                        <th scope="row">
                          {row.label}
                          {row.differs && <span className="visually-hidden"> (differs)</span>}
                        </th>
                        <td>{row.left}</td>
                        <td>{row.right}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <form
                onSubmit={async (event) => {
                  event.preventDefault();
                  const result = await merge(mergeArguments(keep, { left, right }));
                  if (result) onMerged(`Merged ${merged.name} into ${result.mergeBands.name}; its name is now an alias.`);
                }}
              >
                <fieldset>
                  <legend>Which band stays?</legend>
                  {[left, right].map((band) => (
                    <label key={band.id} className="check">
                      <input type="radio" name="keep" value={band.id} checked={keep === band.id} onChange={() => setKeep(band.id)} />
                      Keep {band.name}
                      {band.country ? ` (${band.country})` : ''}, {band.slug}
                    </label>
                  ))}
                </fieldset>
                <p className="muted small">
                  {merged.name} goes into {kept.name}: its name becomes an alias, its genres, labels and releases move over, and its old id leads to {kept.name}.
                </p>
                {merging.error && <ErrorMessage error={merging.error} />}
                <div className="actions">
                  <button type="submit" className="danger" disabled={merging.running}>
                    Merge {merged.name} into {kept.name}
                  </button>
                  <button type="button" className="secondary" onClick={onClose}>
                    Close
                  </button>
                </div>
              </form>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

import { useState } from 'react';
import {
  WebRejectReviewDocument,
  WebResolutionReviewsDocument,
  WebResolveReviewDocument,
  WebResolveReviewWithNewBandDocument,
  type ReviewStatus,
  type WebResolutionReviewsQuery,
} from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { Pager, useCursorPages } from '../../components/cursor-pager';
import { ErrorMessage, QueryView } from '../../components/states';
import { bandLabel } from '../../lib/band-comparison';
import { formatDateTime } from '../../lib/calendar';
import { Link } from '../../router';
import { ResolutionNav } from './resolution-nav';

type Review = WebResolutionReviewsQuery['resolutionReviews']['edges'][number]['node'];

/** Each review lists its candidates with their genres: ten per page keeps the query within the gateway's cost limit. */
const REVIEW_PAGE = 10;

const STATUS_LABELS: Record<ReviewStatus, string> = { OPEN: 'Waiting', RESOLVED: 'Resolved', REJECTED: 'Rejected' };
const KIND_LABELS: Record<Review['kind'], string> = {
  AMBIGUOUS_BAND: 'Several bands fit',
  SAME_NAME_BAND_CREATED: 'New band beside namesakes',
  DISTRIBUTOR_CREATED: 'Shop created from a URL',
};

/** Resolution decisions made without certainty: the operator names the band, creates one, or rejects. */
export function ResolutionReviewsPage() {
  const [status, setStatus] = useState<ReviewStatus>('OPEN');
  const pages = useCursorPages();
  const state = useQuery(WebResolutionReviewsDocument, { status, first: REVIEW_PAGE, after: pages.after });
  const [outcome, setOutcome] = useState('');

  return (
    <section aria-labelledby="reviews-heading">
      <h1 id="reviews-heading">Resolution</h1>
      <ResolutionNav />
      <div className="field inline-field">
        <label htmlFor="review-status">Show</label>
        <select
          id="review-status"
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as ReviewStatus);
            pages.reset();
          }}
        >
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="outcome">
        {outcome}
      </p>
      <QueryView state={state} isEmpty={(data) => data.resolutionReviews.edges.length === 0} empty={status === 'OPEN' ? 'Nothing waits for review.' : 'No reviews here yet.'}>
        {(data) => (
          <>
            <ol className="plain-list review-list" data-testid="review-queue">
              {data.resolutionReviews.edges.map(({ node }) => (
                <ReviewItem
                  key={node.id}
                  review={node}
                  onDone={(text) => {
                    setOutcome(text);
                    state.refetch();
                  }}
                />
              ))}
            </ol>
            <Pager label="Review pages" pages={pages} pageInfo={data.resolutionReviews.pageInfo} loading={state.loading} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function ReviewItem({ review, onDone }: { review: Review; onDone: (outcome: string) => void }) {
  const [resolve, resolving] = useMutation(WebResolveReviewDocument);
  const [createBand, creating] = useMutation(WebResolveReviewWithNewBandDocument);
  const [reject, rejecting] = useMutation(WebRejectReviewDocument);
  const busy = resolving.running || creating.running || rejecting.running;
  const error = resolving.error ?? creating.error ?? rejecting.error;
  const open = review.status === 'OPEN';
  const headingId = `review-${review.id}`;

  return (
    <li className="card review" aria-labelledby={headingId}>
      <h2 id={headingId} className="review-title">
        “{review.rawName}” <span className="kind">{KIND_LABELS[review.kind]}</span>
      </h2>
      <p>{review.reason}</p>
      <p className="muted small review-subject">
        {review.subject} · {formatDateTime(review.createdAt)}
        {review.resolvedAt && ` · closed ${formatDateTime(review.resolvedAt)}`}
      </p>
      {review.kind === 'DISTRIBUTOR_CREATED' ? (
        <p>Shop created: {review.distributor ? <strong>{review.distributor.name}</strong> : 'unknown'}</p>
      ) : (
        <ul className="plain-list candidates" aria-label={`Bands weighed for ${review.rawName}`}>
          {review.candidates.map((band) => (
            <li key={band.id} className="candidate">
              <div>
                <strong>{band.name}</strong>
                {band.country && ` (${band.country})`}
                {band.id === review.chosenBand?.id && <span className="tag">picked</span>}
                {band.id === review.resolvedBand?.id && <span className="tag">settled on</span>}
                <div className="muted small">
                  {band.genres.map((genre) => genre.name).join(', ') || 'no genres yet'}
                  {band.aliases.length > 0 && ` · also ${band.aliases.join(', ')}`}
                  {' · '}
                  <Link to={`/admin/bands/${band.id}`}>Edit<span className="visually-hidden"> {band.name}</span></Link>
                </div>
              </div>
              {open && (
                <button
                  type="button"
                  disabled={busy}
                  aria-label={`This one: ${bandLabel(band)}`}
                  onClick={async () => {
                    const result = await resolve({ id: review.id, bandId: band.id });
                    if (result) onDone(`“${review.rawName}” is now ${bandLabel(band)}.`);
                  }}
                >
                  This one
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!open && review.resolvedBand && <p>Settled on {review.resolvedBand.name}.</p>}
      {open && (
        <div className="actions">
          {review.kind === 'DISTRIBUTOR_CREATED' ? (
            <button
              type="button"
              disabled={busy}
              onClick={async () => {
                if (await resolve({ id: review.id, bandId: null })) onDone(`Shop ${review.distributor?.name ?? review.rawName} confirmed.`);
              }}
            >
              Confirm the shop
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={async () => {
                const result = await createBand({ id: review.id });
                if (result) onDone(`Created a new band ${result.resolveReviewWithNewBand.resolvedBand?.name ?? review.rawName} for “${review.rawName}”.`);
              }}
            >
              New band<span className="visually-hidden"> for {review.rawName}</span>
            </button>
          )}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={async () => {
              if (await reject({ id: review.id })) onDone(`Rejected the decision for “${review.rawName}”.`);
            }}
          >
            Reject<span className="visually-hidden"> the decision for {review.rawName}</span>
          </button>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
    </li>
  );
}

import { useState } from 'react';
import { useQuery } from '../client/client-context';
import { CollectionControl } from '../components/collection-control';
import { FollowBandButton } from '../components/follow-button';
import { FollowReleaseDialog } from '../components/follow-release-dialog';
import { PriceChart } from '../components/price-chart';
import { Empty, QueryView } from '../components/states';
import { WebReleaseDetailDocument, type WebDeliveredPriceFieldsFragment } from '@mrt/operations';
import { formatDate, formatReleaseDate } from '../lib/calendar';
import { FORMAT_LABELS, STOCK_LABELS, TIMELINE_LABELS } from '../lib/enums';
import { useDisplayCurrency } from '../lib/display-currency';
import { formatMoney } from '../lib/money';
import { loadBasket, saveBasket, addToBasket } from '../lib/basket';
import { Link } from '../router';
import { useAuth } from '../state/auth';

const DEFAULT_COUNTRY = 'DE';

export function ReleasePage({ id }: { id: string }) {
  const { user } = useAuth();
  // The profile's country until the visitor picks another (the profile may load after the page).
  const [chosenCountry, setCountry] = useState<string | null>(null);
  const country = chosenCountry ?? user?.country ?? DEFAULT_COUNTRY;
  const [countryDraft, setCountryDraft] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  const { currency } = useDisplayCurrency();
  const state = useQuery(WebReleaseDetailDocument, { id, country, currency });

  return (
    <QueryView state={state} isEmpty={(data) => !data.release} empty="This release does not exist (any more).">
      {({ release }) => {
        const r = release!;
        return (
          <article aria-labelledby="release-heading">
            <p className="breadcrumb">
              <Link to="/releases">Releases</Link> / <Link to={`/bands/${r.band.slug}`}>{r.band.name}</Link>
            </p>
            <h1 id="release-heading">{r.title}</h1>
            <p className="muted">
              <Link to={`/bands/${r.band.slug}`}>{r.band.name}</Link> · {r.type.replace('_', ' ').toLowerCase()}
              {r.reissue ? ' · reissue' : ''} · {formatReleaseDate(r)}
              {r.label ? ` · ${r.label.name}` : ''}
              {r.genres.length ? ` · ${r.genres.map((genre) => genre.name).join(', ')}` : ''}
            </p>
            <div className="actions">
              <FollowBandButton bandId={r.band.id} bandName={r.band.name} />
              <FollowReleaseDialog releaseId={r.id} title={r.title} currency={currency} />
              <CollectionControl releaseId={r.id} title={r.title} />
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  saveBasket(localStorage, addToBasket(loadBasket(localStorage), { releaseId: r.id, title: r.title, bandName: r.band.name }));
                  setAdded(true);
                }}
              >
                Add to basket
              </button>
              {added && (
                <span role="status">
                  Added. <Link to="/basket">Plan the basket</Link>
                </span>
              )}
            </div>

            <h2>Price comparison</h2>
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                const typed = (countryDraft ?? country).trim();
                if (/^[A-Za-z]{2}$/.test(typed)) setCountry(typed.toUpperCase());
              }}
            >
              <label htmlFor="ship-country">Ship to (country code)</label>
              <input id="ship-country" maxLength={2} size={3} value={countryDraft ?? country} onChange={(event) => setCountryDraft(event.target.value)} />
              <button type="submit" className="secondary">
                Update shipping
              </button>
            </form>
            <p className="delivered-summary" data-testid="lowest-delivered">
              <strong>Delivered to {country}:</strong>{' '}
              {r.lowestDeliveredPrice?.total ? (
                <>
                  from <strong>{formatMoney(r.lowestDeliveredPrice.total)}</strong> <span className="muted small">({deliveredParts(r.lowestDeliveredPrice)})</span>
                </>
              ) : r.lowestDeliveredPrice?.missingRateFor ? (
                <span className="muted">no exchange rate for {r.lowestDeliveredPrice.missingRateFor}</span>
              ) : (
                <span className="muted">no shop sends it there</span>
              )}
            </p>
            {r.offers.length === 0 ? (
              <Empty>No shop offers this release right now.</Empty>
            ) : (
              <div className="table-scroll stack-on-phone">
                <table className="offers" data-testid="offers">
                  <caption className="visually-hidden">Offers for {r.title}, cheapest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Shop</th>
                      <th scope="col">Format</th>
                      <th scope="col">Variant</th>
                      <th scope="col">Price</th>
                      <th scope="col">Stock</th>
                      <th scope="col">Delivered to {country}</th>
                      <th scope="col">Link</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.offers.map((offer) => (
                      <tr key={offer.id} data-testid="offer-row">
                        <td data-label="Shop">{offer.distributor.name}</td>
                        <td data-label="Format">{FORMAT_LABELS[offer.format]}</td>
                        <td data-label="Variant">{offer.variant ?? '—'}</td>
                        <td data-label="Price" className="number">
                          {offer.priceIn?.price && offer.priceIn.price.currency !== offer.price?.currency ? (
                            <>
                              <strong>{formatMoney(offer.priceIn.price)}</strong> <span className="muted small">({formatMoney(offer.price)} at the shop)</span>
                            </>
                          ) : (
                            formatMoney(offer.price)
                          )}
                          {offer.priceIn && !offer.priceIn.price && <span className="muted small"> (no rate for {offer.priceIn.missingRateFor})</span>}
                        </td>
                        <td data-label="Stock">
                          <span className={`stock stock-${offer.stock.toLowerCase()}`}>{STOCK_LABELS[offer.stock]}</span>
                        </td>
                        <td className="number" data-label={`Delivered to ${country}`}>
                          {offer.deliveredPrice?.total ? (
                            <span>
                              {formatMoney(offer.deliveredPrice.total)}
                              <span className="muted small">
                                {' '}
                                ({deliveredParts(offer.deliveredPrice)}
                                {offer.shippingEstimate?.minDays != null ? `, ${offer.shippingEstimate.minDays}–${offer.shippingEstimate.maxDays} days` : ''})
                              </span>
                            </span>
                          ) : offer.deliveredPrice?.missingRateFor ? (
                            <span className="muted">no rate for {offer.deliveredPrice.missingRateFor}</span>
                          ) : (
                            <span className="muted">not sent there</span>
                          )}
                        </td>
                        <td data-label="Link">
                          <a href={offer.url} target="_blank" rel="noopener noreferrer">
                            Open shop<span className="visually-hidden"> {offer.distributor.name}</span>
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}

            {r.offers.length > 0 && (
              <>
                <h2>Price history</h2>
                <div className="chart-grid">
                  {r.offers.map((offer) => (
                    <div key={offer.id} className="card">
                      <h3>
                        {offer.distributor.name} · {FORMAT_LABELS[offer.format]}
                        {offer.variant ? ` · ${offer.variant}` : ''}
                      </h3>
                      <PriceChart history={offer.priceHistory} label={`${offer.distributor.name} ${FORMAT_LABELS[offer.format]}`} />
                    </div>
                  ))}
                </div>
              </>
            )}

            <h2>Timeline</h2>
            <ol className="timeline" data-testid="timeline">
              {r.timeline.map((step, index) => (
                <li key={index}>
                  <span className="muted">{formatDate(step.at.slice(0, 10))}</span> · {TIMELINE_LABELS[step.kind]}
                  {step.distributor ? ` at ${step.distributor.name}` : ''}
                  {step.format ? ` (${FORMAT_LABELS[step.format]})` : ''}
                  {step.price ? ` · ${formatMoney(step.price)}` : ''}
                </li>
              ))}
            </ol>
          </article>
        );
      }}
    </QueryView>
  );
}

/** The shop's own prices beside a converted delivered price: "£27.00 + £6.00 shipping at the shop". */
function deliveredParts(delivered: WebDeliveredPriceFieldsFragment): string {
  const shipping = delivered.freeShipping ? 'free shipping' : `${formatMoney(delivered.shipping)} shipping`;
  return `${formatMoney(delivered.shelfPrice)} + ${shipping} at the shop`;
}

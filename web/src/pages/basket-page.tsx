import { useEffect, useState } from 'react';
import { useClient, useQuery, asRequestError } from '../client/client-context';
import type { GraphqlRequestError } from '../client/graphql-client';
import { Empty, ErrorMessage, Loading } from '../components/states';
import { WebCheapestBasketDocument, WebReleasesDocument, type WebCheapestBasketQuery } from '@mrt/operations';
import { addToBasket, loadBasket, saveBasket, toBasketInput, validateBasketForm, type BasketForm, type BasketFormErrors } from '../lib/basket';
import { FORMAT_LABELS, FORMATS } from '../lib/enums';
import { formatMoney } from '../lib/money';
import { toggle } from '../lib/release-filters';
import { Link } from '../router';
import { useAuth } from '../state/auth';

type Plan = WebCheapestBasketQuery['cheapestBasket'];

const REASONS: Record<Plan['unavailableReleases'][number]['reason'], string> = {
  NO_OFFER: 'no shop offers it',
  NOT_SOLD_NOW: 'not orderable now',
  NOT_SHIPPABLE: 'no shop ships it to you',
};

function AddRelease({ onAdd }: { onAdd: (item: { releaseId: string; title: string; bandName: string }) => void }) {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const results = useQuery(WebReleasesDocument, { filter: { search: query }, first: 8 }, { skip: !query });
  return (
    <div>
      <form
        className="inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(search.trim());
        }}
      >
        <label htmlFor="basket-search">Find a release</label>
        <input id="basket-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      {query && results.loading && <Loading />}
      {results.error && <ErrorMessage error={results.error} retry={results.refetch} />}
      {results.data && results.data.releases.edges.length === 0 && <Empty>Nothing found for “{query}”.</Empty>}
      {results.data && results.data.releases.edges.length > 0 && (
        <ul className="plain-list">
          {results.data.releases.edges.map(({ node }) => (
            <li key={node.id}>
              {node.band.name} – {node.title}{' '}
              <button type="button" className="link-button" onClick={() => onAdd({ releaseId: node.id, title: node.title, bandName: node.band.name })}>
                Add<span className="visually-hidden"> {node.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Pick releases, get the cheapest split across shops with shipping, and what it saves. */
export function BasketPage() {
  const client = useClient();
  const { user } = useAuth();
  const [form, setForm] = useState<BasketForm>(() => ({
    items: loadBasket(localStorage),
    country: user?.country ?? 'DE',
    currency: user?.currency ?? 'EUR',
    formats: [],
    allowPreOrders: false,
  }));
  const [errors, setErrors] = useState<BasketFormErrors>({});
  const [plan, setPlan] = useState<Plan>();
  const [planning, setPlanning] = useState(false);
  const [error, setError] = useState<GraphqlRequestError>();
  useEffect(() => saveBasket(localStorage, form.items), [form.items]);
  // The profile may load after the page: its country and currency fill the untouched defaults.
  useEffect(() => {
    if (user) setForm((current) => ({ ...current, country: current.country === 'DE' && user.country ? user.country : current.country, currency: current.currency === 'EUR' ? user.currency : current.currency }));
  }, [user]);

  const submit = async () => {
    const found = validateBasketForm(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    setPlanning(true);
    setError(undefined);
    try {
      setPlan((await client.request(WebCheapestBasketDocument, { input: toBasketInput(form) })).cheapestBasket);
    } catch (caught) {
      setError(asRequestError(caught));
    } finally {
      setPlanning(false);
    }
  };

  return (
    <section aria-labelledby="basket-heading">
      <h1 id="basket-heading">Basket planner</h1>
      <AddRelease onAdd={(item) => setForm({ ...form, items: addToBasket(form.items, item) })} />
      <h2>In the basket</h2>
      {form.items.length === 0 ? (
        <Empty>The basket is empty: search above, or use “Add to basket” on a release.</Empty>
      ) : (
        <ul className="plain-list" data-testid="basket-items">
          {form.items.map((item) => (
            <li key={item.releaseId}>
              <Link to={`/releases/${item.releaseId}`}>
                {item.bandName} – {item.title}
              </Link>{' '}
              <button type="button" className="link-button" onClick={() => setForm({ ...form, items: form.items.filter((other) => other.releaseId !== item.releaseId) })}>
                Remove<span className="visually-hidden"> {item.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {errors.items && <p className="field-error">{errors.items}</p>}
      <form
        className="basket-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="basket-country">Deliver to (country code)</label>
          <input id="basket-country" maxLength={2} value={form.country} aria-invalid={!!errors.country} aria-describedby="basket-country-error" onChange={(event) => setForm({ ...form, country: event.target.value })} />
          <span id="basket-country-error" className="field-error">
            {errors.country}
          </span>
        </div>
        <div className="field">
          <label htmlFor="basket-currency">Currency</label>
          <input id="basket-currency" maxLength={3} value={form.currency} aria-invalid={!!errors.currency} aria-describedby="basket-currency-error" onChange={(event) => setForm({ ...form, currency: event.target.value })} />
          <span id="basket-currency-error" className="field-error">
            {errors.currency}
          </span>
        </div>
        <fieldset>
          <legend>Formats (none: any)</legend>
          {FORMATS.map((format) => (
            <label key={format} className="check">
              <input type="checkbox" checked={form.formats.includes(format)} onChange={() => setForm({ ...form, formats: toggle(form.formats, format) })} />
              {FORMAT_LABELS[format]}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={form.allowPreOrders} onChange={(event) => setForm({ ...form, allowPreOrders: event.target.checked })} />
          Include pre-orders
        </label>
        <div className="actions">
          <button type="submit" disabled={planning}>
            Find the cheapest basket
          </button>
        </div>
      </form>
      {planning && <Loading label="Planning…" />}
      {error && <ErrorMessage error={error} retry={() => void submit()} />}
      {plan && !planning && (
        <section aria-labelledby="plan-heading" data-testid="basket-plan">
          <h2 id="plan-heading">Cheapest plan: {formatMoney(plan.total)}</h2>
          <p>
            {plan.saving && Number(plan.saving.amount) > 0 ? (
              <strong>
                You save {formatMoney(plan.saving)} against buying each at its cheapest shelf price ({formatMoney(plan.cheapestShelfTotal)}).
              </strong>
            ) : (
              'Buying each release at its cheapest shop is already the best plan.'
            )}{' '}
            {!plan.exact && 'The search hit its time bound: this is the best plan found, maybe not the cheapest.'}
            {plan.ratesDate && <span className="muted small"> Currency rates of {plan.ratesDate}.</span>}
          </p>
          {plan.parcels.length === 0 && <Empty>No shop can deliver these releases together.</Empty>}
          <div className="chart-grid">
            {plan.parcels.map((parcel) => (
              <div key={parcel.distributor.id} className="card parcel">
                <h3>{parcel.distributor.name}</h3>
                <ul className="plain-list">
                  {parcel.items.map((item) => (
                    <li key={item.offer.id}>
                      {item.release.band.name} – {item.release.title} ({FORMAT_LABELS[item.offer.format]}) × {item.quantity}: {formatMoney(item.unitPrice)}
                    </li>
                  ))}
                </ul>
                <p>
                  Subtotal {formatMoney(parcel.subtotal)} + shipping {parcel.freeShipping ? 'free' : formatMoney(parcel.shipping)} = <strong>{formatMoney(parcel.total)}</strong>
                  {parcel.total.currency !== parcel.totalConverted.currency && <> ({formatMoney(parcel.totalConverted)})</>}
                </p>
                <p className="muted small">
                  {parcel.carrier}, {parcel.minDays}–{parcel.maxDays} days
                </p>
              </div>
            ))}
          </div>
          {plan.unavailableReleases.length > 0 && (
            <>
              <h3>Not in the plan</h3>
              <ul className="plain-list">
                {plan.unavailableReleases.map((item) => (
                  <li key={item.release.id}>
                    {item.release.title}: {REASONS[item.reason]}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { useClient, useQuery, asRequestError } from '../client/client-context';
import type { GraphqlRequestError } from '../client/graphql-client';
import { ErrorMessage, Empty, Loading } from '../components/states';
import { WebFilterOptionsDocument, WebReleasesDocument, WebSearchBandsDocument, type WebReleasesQuery } from '@mrt/operations';
import { FORMAT_LABELS, FORMATS, SORT_LABELS, SORTS, STOCK_LABELS, STOCK_STATUSES } from '../lib/enums';
import { formatReleaseDate } from '../lib/calendar';
import { DISPLAY_CURRENCIES, useDisplayCurrency } from '../lib/display-currency';
import { formatMoney, parsePriceInput } from '../lib/money';
import { filtersToSearch, parseFilters, toReleaseFilter, toggle, type ReleaseFilterState } from '../lib/release-filters';
import { Link, useRouter } from '../router';

type ReleaseRow = WebReleasesQuery['releases']['edges'][number]['node'];
const PAGE_SIZE = 20;

export function ReleaseCard({ release }: { release: ReleaseRow }) {
  return (
    <li className="card release-card">
      <Link to={`/releases/${release.id}`} className="card-link">
        <span className="release-title">{release.title}</span>
      </Link>
      <span className="muted">
        <Link to={`/bands/${release.band.slug}`}>{release.band.name}</Link>
        {release.reissue ? ' · reissue' : ''}
      </span>
      <span className="muted">{formatReleaseDate(release, 'en-GB', '')}</span>
      <span className="price" data-testid="release-price">
        <ShownPrice release={release} /> · {release.offerCount} {release.offerCount === 1 ? 'offer' : 'offers'}
      </span>
      {release.lowestDeliveredPrice !== undefined && (
        <span className="muted" data-testid="release-delivered">
          {release.lowestDeliveredPrice?.total ? `delivered ${formatMoney(release.lowestDeliveredPrice.total)}` : release.lowestDeliveredPrice ? `no rate for ${release.lowestDeliveredPrice.missingRateFor}` : 'no shop delivers to you'}
        </span>
      )}
    </li>
  );
}

/** The cheapest price in the chosen currency, with the shop's own price beside it when it differs. */
function ShownPrice({ release }: { release: ReleaseRow }) {
  const converted = release.lowestPriceIn;
  if (!converted) return <>{release.lowestPrice ? `from ${formatMoney(release.lowestPrice)}` : 'no price yet'}</>;
  const shop = formatMoney(converted.shopPrice);
  if (!converted.price) return <>from {shop} (no rate for {converted.missingRateFor})</>;
  const shown = formatMoney(converted.price);
  return (
    <>
      from <strong>{shown}</strong>
      {converted.shopPrice.currency !== converted.price.currency && <span className="muted"> ({shop} at the shop)</span>}
    </>
  );
}

/** Search and filters live in the URL; more results load page by page with the cursor. */
export function ReleasesPage() {
  const { location, navigate } = useRouter();
  const client = useClient();
  const filters = parseFilters(location.search);
  const { currency, country, setCurrency } = useDisplayCurrency();
  const [draft, setDraft] = useState<ReleaseFilterState>(filters);
  const [rows, setRows] = useState<ReleaseRow[]>([]);
  const [pageInfo, setPageInfo] = useState<{ hasNextPage: boolean; endCursor?: string | null }>({ hasNextPage: false });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<GraphqlRequestError>();
  const [reloads, setReloads] = useState(0);
  const options = useQuery(WebFilterOptionsDocument, {});
  const bands = useQuery(WebSearchBandsDocument, { query: filters.search }, { skip: filters.search.length < 2 });
  const bandHits = filters.search.length < 2 ? [] : (bands.data?.searchCatalog.filter((hit) => hit.kind === 'BAND') ?? []);
  const filterKey = location.search;

  useEffect(() => setDraft(parseFilters(filterKey)), [filterKey]);

  const load = async (after: string | null, replace: boolean, isCurrent: () => boolean = () => true) => {
    const state = parseFilters(filterKey);
    setLoading(true);
    setError(undefined);
    try {
      const { releases } = await client.request(WebReleasesDocument, {
        filter: toReleaseFilter(state),
        sort: state.sort,
        first: PAGE_SIZE,
        after,
        currency,
        country,
        delivered: state.sort === 'DELIVERED_PRICE_ASC',
      });
      if (!isCurrent()) return;
      const nodes = releases.edges.map((edge) => edge.node);
      setRows((previous) => (replace ? nodes : [...previous, ...nodes]));
      setPageInfo(releases.pageInfo);
    } catch (caught) {
      if (isCurrent()) setError(asRequestError(caught));
    } finally {
      if (isCurrent()) setLoading(false);
    }
  };

  useEffect(() => {
    let current = true;
    void load(null, true, () => current);
    return () => {
      current = false;
    };
  }, [filterKey, reloads, currency, country]);

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    navigate(`/releases${filtersToSearch(draft)}`);
  };
  const priceError = (value: string) => (value && !parsePriceInput(value) ? 'Use a number like 20 or 19.99' : '');

  return (
    <section aria-labelledby="releases-heading">
      <h1 id="releases-heading">Releases</h1>
      <form className="filters" role="search" onSubmit={apply}>
        <div className="field search-field">
          <label htmlFor="release-search">Search</label>
          <input id="release-search" type="search" name="q" placeholder="Band or album" value={draft.search} onChange={(event) => setDraft({ ...draft, search: event.target.value })} />
          <button type="submit">Search</button>
        </div>
        <details className="filter-panel">
          <summary>Filters</summary>
          <div className="filter-grid">
            <fieldset>
              <legend>Format</legend>
              {FORMATS.map((format) => (
                <label key={format} className="check">
                  <input type="checkbox" checked={draft.formats.includes(format)} onChange={() => setDraft({ ...draft, formats: toggle(draft.formats, format) })} />
                  {FORMAT_LABELS[format]}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Stock</legend>
              {STOCK_STATUSES.map((stock) => (
                <label key={stock} className="check">
                  <input type="checkbox" checked={draft.stock.includes(stock)} onChange={() => setDraft({ ...draft, stock: toggle(draft.stock, stock) })} />
                  {STOCK_LABELS[stock]}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="filter-genre">Genre</label>
              <select id="filter-genre" value={draft.genres[0] ?? ''} onChange={(event) => setDraft({ ...draft, genres: event.target.value ? [event.target.value] : [] })}>
                <option value="">Any genre</option>
                {options.data?.genres.map((genre) => (
                  <option key={genre.id} value={genre.id}>
                    {genre.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-shop">Shop</label>
              <select id="filter-shop" value={draft.shops[0] ?? ''} onChange={(event) => setDraft({ ...draft, shops: event.target.value ? [event.target.value] : [] })}>
                <option value="">Any shop</option>
                {options.data?.distributors.edges.map(({ node: shop }) => (
                  <option key={shop.id} value={shop.id}>
                    {shop.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-min">Price from</label>
              <input id="filter-min" inputMode="decimal" value={draft.priceMin} aria-invalid={!!priceError(draft.priceMin)} onChange={(event) => setDraft({ ...draft, priceMin: event.target.value })} />
              {priceError(draft.priceMin) && <span className="field-error">{priceError(draft.priceMin)}</span>}
            </div>
            <div className="field">
              <label htmlFor="filter-max">Price to</label>
              <input id="filter-max" inputMode="decimal" value={draft.priceMax} aria-invalid={!!priceError(draft.priceMax)} onChange={(event) => setDraft({ ...draft, priceMax: event.target.value })} />
              {priceError(draft.priceMax) && <span className="field-error">{priceError(draft.priceMax)}</span>}
            </div>
            <div className="field">
              <label htmlFor="filter-from">Released from</label>
              <input id="filter-from" type="date" value={draft.releasedFrom} onChange={(event) => setDraft({ ...draft, releasedFrom: event.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="filter-to">Released to</label>
              <input id="filter-to" type="date" value={draft.releasedTo} onChange={(event) => setDraft({ ...draft, releasedTo: event.target.value })} />
            </div>
          </div>
          <div className="actions">
            <button type="submit">Apply filters</button>
            <button type="button" className="secondary" onClick={() => navigate('/releases')}>
              Clear
            </button>
          </div>
        </details>
        <div className="field sort-field">
          <label htmlFor="display-currency">Currency</label>
          <select id="display-currency" value={currency} onChange={(event) => setCurrency(event.target.value)}>
            {DISPLAY_CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className="field sort-field">
          <label htmlFor="release-sort">Sort</label>
          <select
            id="release-sort"
            value={filters.sort}
            onChange={(event) => navigate(`/releases${filtersToSearch({ ...filters, sort: event.target.value as ReleaseFilterState['sort'] })}`)}
          >
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </div>
      </form>

      {bandHits.length > 0 && (
        <nav className="band-hits" aria-label="Matching bands">
          Bands:{' '}
          {bandHits.map((hit, index) => (
            <span key={hit.id}>
              {index > 0 && ', '}
              <Link to={`/bands/${hit.slug}`}>{hit.name}</Link>
            </span>
          ))}
        </nav>
      )}
      {error && <ErrorMessage error={error} retry={() => setReloads((count) => count + 1)} />}
      {!error && !loading && rows.length === 0 && <Empty>No releases match these filters.</Empty>}
      {rows.length > 0 && (
        <ul className="card-list" aria-label="Releases" data-testid="release-list">
          {rows.map((release) => (
            <ReleaseCard key={release.id} release={release} />
          ))}
        </ul>
      )}
      {loading && <Loading label={rows.length ? 'Loading more…' : 'Loading releases…'} />}
      {!loading && pageInfo.hasNextPage && (
        <button type="button" className="load-more" onClick={() => void load(pageInfo.endCursor ?? null, false)}>
          Load more
        </button>
      )}
    </section>
  );
}

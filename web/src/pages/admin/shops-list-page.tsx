import { WebShopsPageDocument } from '@mrt/operations';
import { useQuery } from '../../client/client-context';
import { Pager, useCursorPages } from '../../components/cursor-pager';
import { QueryView } from '../../components/states';
import { Link } from '../../router';
import './console.css';

const PAGE_SIZE = 20;

/** The shops (distributors) by name; provisional ones, found through a listing URL, wait for an operator. */
export function ShopsListPage() {
  const pages = useCursorPages();
  const state = useQuery(WebShopsPageDocument, { first: PAGE_SIZE, after: pages.after });
  return (
    <section aria-labelledby="shops-heading">
      <div className="page-head">
        <h1 id="shops-heading">Shops</h1>
        <Link to="/admin/shops/new" className="button">
          Add shop
        </Link>
      </div>
      <QueryView state={state} isEmpty={(data) => data.distributors.edges.length === 0 && pages.page === 1} empty="No shops yet. Add the first one.">
        {(data) => (
          <>
            <div className="table-scroll stack-on-phone">
              <table data-testid="shops">
                <thead>
                  <tr>
                    <th scope="col">Shop</th>
                    <th scope="col">Country</th>
                    <th scope="col">Currency</th>
                    <th scope="col">Website</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {data.distributors.edges.map(({ node: shop }) => (
                    <tr key={shop.id}>
                      <td data-label="Shop">
                        {shop.name}
                        {shop.autoCreated && <span className="tag"> provisional</span>}
                      </td>
                      <td data-label="Country">{shop.country}</td>
                      <td data-label="Currency">{shop.currency}</td>
                      <td data-label="Website">
                        <a href={shop.websiteUrl} target="_blank" rel="noreferrer">
                          {shop.websiteUrl.replace(/^https?:\/\//, '')}
                        </a>
                      </td>
                      <td data-label="Actions">
                        <div className="actions row-actions">
                          <Link to={`/admin/shops/${shop.id}/edit`} className={shop.autoCreated ? 'button' : 'button secondary'}>
                            {shop.autoCreated ? 'Confirm' : 'Edit'}
                            <span className="visually-hidden"> {shop.name}</span>
                          </Link>
                          <Link to={`/admin/shops/${shop.id}/shipping`} className="button secondary">
                            Shipping<span className="visually-hidden"> of {shop.name}</span>
                          </Link>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Shop pages" pages={pages} pageInfo={data.distributors.pageInfo} loading={state.loading} />
          </>
        )}
      </QueryView>
    </section>
  );
}

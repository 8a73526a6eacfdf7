import { useState } from 'react';
import { WebCreateShopDocument, WebShopDetailsDocument, WebUpdateShopDocument, type WebShopFragment } from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { Empty, ErrorMessage, QueryView } from '../../components/states';
import { fieldErrors } from '../../lib/field-errors';
import { Link, useRouter } from '../../router';
import './console.css';

interface ShopDraft {
  name: string;
  country: string;
  currency: string;
  websiteUrl: string;
  logoUrl: string;
}

const FIELDS: readonly { name: keyof ShopDraft; label: string; hint: string; type?: string }[] = [
  { name: 'name', label: 'Name', hint: '' },
  { name: 'country', label: 'Country', hint: 'ISO 3166-1 alpha-2, where parcels leave from, e.g. DE' },
  { name: 'currency', label: 'Currency', hint: 'ISO 4217, what the shop prices in, e.g. EUR' },
  { name: 'websiteUrl', label: 'Website', hint: "The shop's home page", type: 'url' },
  { name: 'logoUrl', label: 'Logo URL (optional)', hint: '', type: 'url' },
];

export function ShopCreatePage() {
  return (
    <section aria-labelledby="shop-form-heading">
      <p className="breadcrumb">
        <Link to="/admin/shops">Shops</Link>
      </p>
      <h1 id="shop-form-heading">Add a shop</h1>
      <ShopForm />
    </section>
  );
}

export function ShopEditPage({ id }: { id: string }) {
  const state = useQuery(WebShopDetailsDocument, { id });
  const shop = state.data?.distributor;
  return (
    <section aria-labelledby="shop-form-heading">
      <p className="breadcrumb">
        <Link to="/admin/shops">Shops</Link>
      </p>
      <h1 id="shop-form-heading">{shop?.autoCreated ? 'Confirm shop' : 'Edit shop'}</h1>
      <QueryView state={state}>
        {(data) =>
          data.distributor ? (
            <ShopForm shop={data.distributor} />
          ) : (
            <Empty>
              This shop does not exist. Back to the <Link to="/admin/shops">shops</Link>.
            </Empty>
          )
        }
      </QueryView>
    </section>
  );
}

/** Create, edit, or confirm a provisional shop (saving it makes its values the operator's). */
function ShopForm({ shop }: { shop?: WebShopFragment }) {
  const { navigate } = useRouter();
  const [draft, setDraft] = useState<ShopDraft>({
    name: shop?.name ?? '',
    // Provisional shops carry placeholders ("ZZ", "XXX"): the operator must type the real values.
    country: shop && shop.country !== 'ZZ' ? shop.country : '',
    currency: shop && shop.currency !== 'XXX' ? shop.currency : '',
    websiteUrl: shop?.websiteUrl ?? '',
    logoUrl: shop?.logoUrl ?? '',
  });
  const [create, creating] = useMutation(WebCreateShopDocument);
  const [update, updating] = useMutation(WebUpdateShopDocument);
  const error = shop ? updating.error : creating.error;
  const errors = fieldErrors(error, FIELDS.map((field) => field.name));

  const submit = async () => {
    const values = { name: draft.name.trim(), country: draft.country.trim(), currency: draft.currency.trim(), websiteUrl: draft.websiteUrl.trim() };
    const logoUrl = draft.logoUrl.trim();
    const saved = shop
      ? (await update({ id: shop.id, input: { ...values, logoUrl } }))?.updateDistributor
      : (await create({ input: { ...values, logoUrl: logoUrl || null } }))?.createDistributor;
    if (saved) navigate(shop ? '/admin/shops' : `/admin/shops/${saved.id}/shipping`);
  };

  return (
    <form
      className="console-form"
      noValidate
      aria-label={shop ? 'Shop' : 'New shop'}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {shop?.autoCreated && (
        <p className="banner">
          Found through a listing URL: its country and currency are placeholders. Check every value, then confirm; the shop&apos;s offers use them from then on.
        </p>
      )}
      <div className="form-grid">
        {FIELDS.map((field) => (
          <div className="field" key={field.name}>
            <label htmlFor={`shop-${field.name}`}>{field.label}</label>
            <input
              id={`shop-${field.name}`}
              type={field.type ?? 'text'}
              value={draft[field.name]}
              aria-invalid={!!errors.fields[field.name]}
              aria-describedby={`shop-${field.name}-error shop-${field.name}-hint`}
              onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
            />
            <span id={`shop-${field.name}-error`} className="field-error">
              {errors.fields[field.name]}
            </span>
            <span id={`shop-${field.name}-hint`} className="muted small">
              {field.hint}
            </span>
          </div>
        ))}
      </div>
      <div className="actions">
        <button type="submit" disabled={creating.running || updating.running}>
          {!shop ? 'Create shop' : shop.autoCreated ? 'Confirm shop' : 'Save changes'}
        </button>
        {shop && (
          <Link to={`/admin/shops/${shop.id}/shipping`} className="button secondary">
            Shipping profile
          </Link>
        )}
      </div>
      {errors.general && error && <ErrorMessage error={error} />}
    </form>
  );
}

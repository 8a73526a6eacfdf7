import { useMemo, useState } from 'react';
import {
  WebCheckShippingDocument,
  WebDeleteShippingProfileDocument,
  WebSetShippingProfileDocument,
  WebShopShippingDocument,
  type Format,
  type WebCheckShippingQuery,
  type WebShopFragment,
  type WebShippingProfileFragment,
} from '@mrt/operations';
import { useMutation, useQuery, type QueryState } from '../../client/client-context';
import { Empty, ErrorMessage, Loading, QueryView } from '../../components/states';
import { useDebounced } from '../../components/use-debounced';
import { FORMAT_LABELS, FORMATS } from '../../lib/enums';
import { fieldProblems, problemsByPath } from '../../lib/field-paths';
import { checkInput, draftFromProfile, newBracket, newProfileDraft, newZone, profileInput, type ParcelDraft, type ProfileDraft, type ZoneDraft } from '../../lib/shipping-draft';
import { Link } from '../../router';
import './console.css';

const CHECK_DELAY_MS = 400;

export function ShopShippingPage({ id }: { id: string }) {
  const state = useQuery(WebShopShippingDocument, { id });
  const shop = state.data?.distributor;
  return (
    <section aria-labelledby="shipping-heading">
      <p className="breadcrumb">
        <Link to="/admin/shops">Shops</Link>
      </p>
      <h1 id="shipping-heading">Shipping{shop ? ` of ${shop.name}` : ''}</h1>
      <QueryView state={state}>
        {(data) =>
          data.distributor ? (
            // Not re-created when a save reloads the profile: the draft already is what was saved.
            <ShippingEditor shop={data.distributor} profile={data.shippingProfile ?? null} onSaved={state.refetch} />
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

/** A field of the editor: its label, the input, and the problem at its path (from the server or the form). */
function DraftField({
  id,
  label,
  value,
  onChange,
  problem,
  hint,
  hideLabel = false,
  inputMode,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
  hint?: string;
  hideLabel?: boolean;
  inputMode?: 'numeric' | 'decimal';
}) {
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input id={id} value={value} inputMode={inputMode} aria-invalid={!!problem} aria-describedby={`${id}-error${hint ? ` ${id}-hint` : ''}`} onChange={(event) => onChange(event.target.value)} />
      <span id={`${id}-error`} className="field-error">
        {problem}
      </span>
      {hint && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
    </div>
  );
}

function ShippingEditor({ shop, profile, onSaved }: { shop: WebShopFragment; profile: WebShippingProfileFragment | null; onSaved: () => void }) {
  const [draft, setDraft] = useState<ProfileDraft>(() => (profile ? draftFromProfile(profile) : newProfileDraft(shop)));
  const [parcel, setParcel] = useState<ParcelDraft>({ country: shop.country === 'ZZ' ? 'DE' : shop.country, items: [{ format: 'LP', quantity: '1' }], subtotal: '25.00' });
  const [save, saving] = useMutation(WebSetShippingProfileDocument);
  const [remove, removing] = useMutation(WebDeleteShippingProfileDocument);
  // Problems the form found on the last save; editing again hands the marking back to the live check.
  const [saveProblems, setSaveProblems] = useState<Record<string, string>>({});
  const [editedSinceSave, setEditedSinceSave] = useState(false);
  const [saved, setSaved] = useState(false);

  const edit = (change: (current: ProfileDraft) => ProfileDraft) => {
    setDraft(change);
    setSaveProblems({});
    setEditedSinceSave(true);
    setSaved(false);
  };
  const editZone = (index: number, change: Partial<ZoneDraft>) => edit((current) => ({ ...current, zones: current.zones.map((zone, i) => (i === index ? { ...zone, ...change } : zone)) }));

  // The live check: the draft and the parcel, priced by the server as the operator types.
  const converted = useMemo(() => checkInput(draft, shop.id, parcel), [draft, shop.id, parcel]);
  const checkVariables = useDebounced(converted.ok ? { input: converted.input } : null, CHECK_DELAY_MS);
  const check = useQuery(WebCheckShippingDocument, checkVariables ?? { input: null as never }, { skip: !converted.ok || checkVariables === null });
  const checkProblems = converted.ok ? problemsByPath(fieldProblems(check.error)) : converted.problems;
  const profileProblems: Record<string, string> = {};
  for (const [path, message] of Object.entries(checkProblems)) if (path.startsWith('profile.')) profileProblems[path.slice('profile.'.length)] = message;
  // A save the server refused marks its fields until the next edit; what belongs to none is said under the form.
  const serverSaveProblems = editedSinceSave ? {} : problemsByPath(fieldProblems(saving.error));
  const problems = { ...profileProblems, ...serverSaveProblems, ...saveProblems };
  const unplacedSaveError = saving.error && Object.keys(problemsByPath(fieldProblems(saving.error))).length === 0;

  const submit = async () => {
    setEditedSinceSave(false);
    const input = profileInput(draft, shop.id);
    if (!input.ok) {
      setSaveProblems(input.problems);
      return;
    }
    const result = await save({ input: input.input });
    if (result) {
      setSaved(true);
      onSaved();
    }
  };

  return (
    <div className="shipping-layout">
      <form
        className="console-form"
        aria-label="Shipping profile"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {!profile && <p className="banner">No shipping rules yet: the shop ships nowhere until a profile is saved.</p>}
        <div className="form-grid">
          <DraftField id="ship-shipsFrom" label="Ships from" value={draft.shipsFrom} problem={problems.shipsFrom} hint="ISO country code" onChange={(value) => edit((d) => ({ ...d, shipsFrom: value }))} />
          <DraftField id="ship-currency" label="Currency" value={draft.currency} problem={problems.currency} hint="Of every amount below" onChange={(value) => edit((d) => ({ ...d, currency: value }))} />
          <DraftField
            id="ship-handlingFee"
            label="Handling fee"
            inputMode="decimal"
            value={draft.handlingFee}
            problem={problems.handlingFee}
            hint="Added to every parcel"
            onChange={(value) => edit((d) => ({ ...d, handlingFee: value }))}
          />
        </div>
        {draft.zones.map((zone, z) => (
          <ZoneEditor
            key={z}
            index={z}
            zone={zone}
            problems={problems}
            onChange={(change) => editZone(z, change)}
            onRemove={draft.zones.length > 1 ? () => edit((d) => ({ ...d, zones: d.zones.filter((_, i) => i !== z) })) : undefined}
          />
        ))}
        {problems.zones && <p className="field-error">{problems.zones}</p>}
        <div className="actions">
          <button type="button" className="secondary" onClick={() => edit((d) => ({ ...d, zones: [...d.zones, newZone()] }))}>
            Add zone
          </button>
        </div>
        <div className="actions">
          <button type="submit" disabled={saving.running}>
            Save shipping profile
          </button>
          {profile && (
            <button
              type="button"
              className="danger"
              disabled={removing.running}
              onClick={async () => {
                if (window.confirm(`Remove the shipping rules of ${shop.name}? It then ships nowhere.`) && (await remove({ distributorId: shop.id }))) onSaved();
              }}
            >
              Remove profile
            </button>
          )}
          {saved && <span role="status">Saved.</span>}
        </div>
        {Object.keys(saveProblems).length > 0 && <p className="field-error" role="alert">Fix the marked fields before saving.</p>}
        {unplacedSaveError && <ErrorMessage error={saving.error!} />}
        {saving.error && !unplacedSaveError && !editedSinceSave && (
          <p className="field-error" role="alert">
            {saving.error.message}: see the marked fields.
          </p>
        )}
        {removing.error && <ErrorMessage error={removing.error} />}
      </form>
      <ShippingCheckPanel
        parcel={parcel}
        currency={draft.currency.trim().toUpperCase()}
        onChange={setParcel}
        problems={checkProblems}
        pending={!converted.ok}
        state={check}
        waiting={converted.ok && (checkVariables === null || JSON.stringify(checkVariables.input) !== JSON.stringify(converted.input))}
      />
    </div>
  );
}

function ZoneEditor({ index, zone, problems, onChange, onRemove }: { index: number; zone: ZoneDraft; problems: Record<string, string>; onChange: (change: Partial<ZoneDraft>) => void; onRemove?: () => void }) {
  const at = (path: string) => problems[`zones.${index}.${path}`];
  const id = (name: string) => `zone-${index}-${name}`;
  const rateProblem = problems[`zones.${index}.rates`];
  return (
    <fieldset className="zone" data-testid={`zone-${index}`}>
      <legend>
        Zone {index + 1}
        {zone.name ? `: ${zone.name}` : ''}
      </legend>
      <div className="zone-grid">
        <DraftField id={id('name')} label="Zone name" value={zone.name} problem={at('name')} onChange={(name) => onChange({ name })} />
        <DraftField
          id={id('countries')}
          label="Countries"
          value={zone.countries}
          problem={at('countries') ?? Object.entries(problems).find(([path]) => path.startsWith(`zones.${index}.countries.`))?.[1]}
          hint="ISO codes, EU or WORLD, separated by commas"
          onChange={(countries) => onChange({ countries })}
        />
        <DraftField
          id={id('freeShippingThreshold')}
          label="Free shipping from"
          inputMode="decimal"
          value={zone.freeShippingThreshold}
          problem={at('freeShippingThreshold')}
          hint="Empty: never free"
          onChange={(freeShippingThreshold) => onChange({ freeShippingThreshold })}
        />
      </div>
      <div className="zone-grid">
        <DraftField id={id('carrier')} label="Carrier" value={zone.carrierName} problem={at('carrier.name')} onChange={(carrierName) => onChange({ carrierName })} />
        <DraftField id={id('minDays')} label="Fewest days" inputMode="numeric" value={zone.minDays} problem={at('carrier.minDays')} onChange={(minDays) => onChange({ minDays })} />
        <DraftField id={id('maxDays')} label="Most days" inputMode="numeric" value={zone.maxDays} problem={at('carrier.maxDays')} onChange={(maxDays) => onChange({ maxDays })} />
        <label className="check">
          <input type="checkbox" checked={zone.tracked} onChange={(event) => onChange({ tracked: event.target.checked })} />
          Tracked
        </label>
      </div>
      <div className="table-scroll">
        <table className="brackets" aria-label={`Weight brackets of zone ${index + 1}`}>
          <thead>
            <tr>
              <th scope="col">From (g)</th>
              <th scope="col">To (g)</th>
              <th scope="col">Price</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {zone.rates.map((rate, r) => {
              const setRate = (change: Partial<typeof rate>) => onChange({ rates: zone.rates.map((other, i) => (i === r ? { ...other, ...change } : other)) });
              return (
                <tr key={r}>
                  <td>
                    <DraftField id={id(`rate-${r}-min`)} label={`Bracket ${r + 1} from grams`} hideLabel inputMode="numeric" value={rate.minGrams} problem={at(`rates.${r}.minGrams`)} onChange={(minGrams) => setRate({ minGrams })} />
                  </td>
                  <td>
                    <DraftField id={id(`rate-${r}-max`)} label={`Bracket ${r + 1} to grams`} hideLabel inputMode="numeric" value={rate.maxGrams} problem={at(`rates.${r}.maxGrams`)} onChange={(maxGrams) => setRate({ maxGrams })} />
                  </td>
                  <td>
                    <DraftField id={id(`rate-${r}-price`)} label={`Bracket ${r + 1} price`} hideLabel inputMode="decimal" value={rate.price} problem={at(`rates.${r}.price`)} onChange={(price) => setRate({ price })} />
                  </td>
                  <td>
                    <button type="button" className="secondary" disabled={zone.rates.length === 1} onClick={() => onChange({ rates: zone.rates.filter((_, i) => i !== r) })}>
                      Remove<span className="visually-hidden"> bracket {r + 1}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rateProblem && <p className="field-error">{rateProblem}</p>}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => onChange({ rates: [...zone.rates, newBracket(zone.rates[zone.rates.length - 1])] })}>
          Add bracket<span className="visually-hidden"> to zone {index + 1}</span>
        </button>
        {onRemove && (
          <button type="button" className="secondary" onClick={onRemove}>
            Remove zone {index + 1}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** The parcel to try and what the draft charges for it, re-priced as either changes. */
function ShippingCheckPanel({
  parcel,
  currency,
  onChange,
  problems,
  pending,
  waiting,
  state,
}: {
  parcel: ParcelDraft;
  currency: string;
  onChange: (parcel: ParcelDraft) => void;
  problems: Record<string, string>;
  pending: boolean;
  waiting: boolean;
  state: QueryState<WebCheckShippingQuery>;
}) {
  const result = state.data?.checkShipping;
  const badInput = state.error?.code === 'BAD_USER_INPUT';
  const setItem = (index: number, change: Partial<ParcelDraft['items'][number]>) => onChange({ ...parcel, items: parcel.items.map((item, i) => (i === index ? { ...item, ...change } : item)) });
  return (
    <aside className="check-panel" aria-labelledby="check-heading">
      <h2 id="check-heading">Estimate check</h2>
      <DraftField id="check-country" label="Destination country" value={parcel.country} problem={problems.country} onChange={(country) => onChange({ ...parcel, country })} />
      {parcel.items.map((item, i) => (
        <div className="parcel-line" key={i}>
          <div className="field">
            <label htmlFor={`check-format-${i}`}>Format {parcel.items.length > 1 ? i + 1 : ''}</label>
            <select id={`check-format-${i}`} value={item.format} onChange={(event) => setItem(i, { format: event.target.value as Format })}>
              {FORMATS.map((format) => (
                <option key={format} value={format}>
                  {FORMAT_LABELS[format]}
                </option>
              ))}
            </select>
          </div>
          <DraftField id={`check-quantity-${i}`} label="Copies" inputMode="numeric" value={item.quantity} problem={problems[`items.${i}.quantity`]} onChange={(quantity) => setItem(i, { quantity })} />
          {parcel.items.length > 1 && (
            <button type="button" className="secondary" onClick={() => onChange({ ...parcel, items: parcel.items.filter((_, j) => j !== i) })}>
              Remove<span className="visually-hidden"> format {i + 1}</span>
            </button>
          )}
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => onChange({ ...parcel, items: [...parcel.items, { format: 'CD', quantity: '1' }] })}>
        Add a format
      </button>
      <DraftField
        id="check-subtotal"
        label={`Items cost${currency ? ` (${currency})` : ''}`}
        inputMode="decimal"
        value={parcel.subtotal}
        problem={problems.subtotal ?? problems.items}
        hint="For the free-shipping threshold"
        onChange={(subtotal) => onChange({ ...parcel, subtotal })}
      />
      <div aria-live="polite" data-testid="shipping-check">
        {pending || badInput ? (
          <p className="muted">Fix the marked fields to see an estimate.</p>
        ) : state.error ? (
          <ErrorMessage error={state.error} retry={state.refetch} />
        ) : !result || (state.loading && waiting) ? (
          <Loading label="Pricing the parcel…" />
        ) : result.unavailable ? (
          <p className="field-error">
            Cannot ship: {result.unavailable.message} <code>{result.unavailable.reason}</code>
          </p>
        ) : (
          <dl className="check-result">
            <dt>Shipping</dt>
            <dd>
              <strong>{result.freeShipping ? `Free (${result.cost!.amount} ${result.cost!.currency})` : `${result.cost!.amount} ${result.cost!.currency}`}</strong>
            </dd>
            <dt>Zone</dt>
            <dd>{result.zone}</dd>
            <dt>Carrier</dt>
            <dd>
              {result.carrier!.name}, {result.carrier!.tracked ? 'tracked' : 'untracked'}, {result.carrier!.minDays}–{result.carrier!.maxDays} days
            </dd>
            <dt>Parcel weight</dt>
            <dd>{result.weightGrams} g</dd>
          </dl>
        )}
      </div>
    </aside>
  );
}

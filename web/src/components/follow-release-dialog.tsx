import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '../client/client-context';
import { WebFollowDocument, WebMyFollowsDocument, WebUpdateFollowDocument, type LifecycleStep } from '@mrt/operations';
import { LIFECYCLE_STEP_LABELS, LIFECYCLE_STEPS } from '../lib/enums';
import { fieldErrors } from '../lib/field-errors';
import { parsePriceInput } from '../lib/money';
import { toggle } from '../lib/release-filters';
import { Link } from '../router';
import { useAuth } from '../state/auth';

/** What a new release follow reports unless the fan chooses: it in stock, and cheaper. */
const DEFAULT_STEPS: LifecycleStep[] = ['IN_STOCK', 'PRICE_DROP'];

/**
 * The release page's follow: a dialog to choose the lifecycle steps to be told about and,
 * optionally, a delivered-price limit (shelf plus shipping to a country, in the display
 * currency). A native <dialog>: focus moves in on open, Escape closes it, focus returns after.
 */
export function FollowReleaseDialog({ releaseId, title, currency }: { releaseId: string; title: string; currency: string }) {
  const { user } = useAuth();
  const follows = useQuery(WebMyFollowsDocument, {}, { skip: !user });
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  if (!user) {
    return (
      <Link to="/sign-in" className="button secondary">
        Sign in to follow {title}
      </Link>
    );
  }
  const existing = follows.data?.myFollows.find((follow) => follow.targetType === 'RELEASE' && follow.targetId === releaseId);
  return (
    <>
      <button type="button" className="secondary" aria-haspopup="dialog" aria-pressed={!!existing} disabled={!follows.data} onClick={() => setOpen(true)}>
        {!follows.data ? 'Follow this release…' : existing ? 'Following this release' : 'Follow this release'}
      </button>
      <dialog ref={dialog} className="follow-dialog" aria-labelledby="follow-dialog-title" onClose={() => setOpen(false)}>
        {open && (
          <FollowReleaseForm
            releaseId={releaseId}
            title={title}
            existing={existing ?? null}
            currency={existing?.maxDeliveredPrice?.currency ?? currency}
            profileCountry={user.country ?? null}
            onDone={() => {
              follows.refetch();
              setOpen(false);
            }}
            onCancel={() => setOpen(false)}
          />
        )}
      </dialog>
    </>
  );
}

type ExistingFollow = { id: string; steps?: readonly LifecycleStep[] | null; maxDeliveredPrice?: { amount: string; currency: string } | null; country?: string | null };

function FollowReleaseForm({
  releaseId,
  title,
  existing,
  currency,
  profileCountry,
  onDone,
  onCancel,
}: {
  releaseId: string;
  title: string;
  existing: ExistingFollow | null;
  currency: string;
  profileCountry: string | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [steps, setSteps] = useState<LifecycleStep[]>(existing?.steps ? [...existing.steps] : DEFAULT_STEPS);
  const [maxPrice, setMaxPrice] = useState(existing?.maxDeliveredPrice?.amount ?? '');
  const [country, setCountry] = useState(existing?.country ?? profileCountry ?? '');
  const [follow, following] = useMutation(WebFollowDocument);
  const [update, updating] = useMutation(WebUpdateFollowDocument);
  const priceInvalid = maxPrice.trim() !== '' && !parsePriceInput(maxPrice);
  const error = following.error ?? updating.error;
  const errors = fieldErrors(error, ['steps', 'amount', 'currency', 'country']);
  const running = following.running || updating.running;
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (priceInvalid || steps.length === 0) return;
        const price = parsePriceInput(maxPrice);
        const condition = price ? { maxDeliveredPrice: { amount: price, currency }, country: country.trim().toUpperCase() || null } : { maxDeliveredPrice: null };
        const done = existing
          ? await update({ id: existing.id, input: { steps, ...condition } })
          : await follow({ input: { targetType: 'RELEASE', targetId: releaseId, steps, ...condition } });
        if (done) onDone();
      }}
    >
      <h2 id="follow-dialog-title">Follow {title}</h2>
      <fieldset>
        <legend>Tell me when</legend>
        {LIFECYCLE_STEPS.map((step) => (
          <label key={step} className="check">
            <input type="checkbox" name="steps" value={step} checked={steps.includes(step)} onChange={() => setSteps(toggle(steps, step))} />
            {LIFECYCLE_STEP_LABELS[step]}
          </label>
        ))}
        {steps.length === 0 && <span className="field-error">Choose at least one step.</span>}
        {errors.fields.steps && <span className="field-error">{errors.fields.steps}</span>}
      </fieldset>
      <div className="field">
        <label htmlFor="follow-max-delivered">Only under this price delivered ({currency}, shelf + shipping; empty: any price)</label>
        <input
          id="follow-max-delivered"
          inputMode="decimal"
          value={maxPrice}
          aria-invalid={priceInvalid || !!errors.fields.amount}
          aria-describedby="follow-max-delivered-error"
          onChange={(event) => setMaxPrice(event.target.value)}
        />
        <span id="follow-max-delivered-error" className="field-error">
          {priceInvalid ? 'Use a number like 40 or 39.99' : (errors.fields.amount ?? errors.fields.currency ?? '')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="follow-country">Delivered to (country code{profileCountry ? `, your profile: ${profileCountry}` : ''})</label>
        <input
          id="follow-country"
          maxLength={2}
          size={3}
          autoCapitalize="characters"
          value={country}
          disabled={maxPrice.trim() === ''}
          aria-invalid={!!errors.fields.country}
          aria-describedby="follow-country-error"
          onChange={(event) => setCountry(event.target.value)}
        />
        <span id="follow-country-error" className="field-error">
          {errors.fields.country ?? ''}
        </span>
      </div>
      {errors.general && (
        <p className="field-error" role="alert">
          {errors.general}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={running} aria-busy={running}>
          {existing ? 'Save follow' : 'Follow'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

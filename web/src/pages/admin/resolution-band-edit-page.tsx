import { useState, type FormEvent } from 'react';
import { WebBandForEditDocument, WebUpdateBandDocument, type WebBandForEditQuery } from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { ErrorMessage, QueryView } from '../../components/states';
import { BAND_FORM_FIELDS, bandForm, bandFormProblems, bandUpdateInput, type BandForm } from '../../lib/band-edit';
import { fieldErrors } from '../../lib/field-errors';
import { Link } from '../../router';

type Band = NonNullable<WebBandForEditQuery['band']>;

/** An operator's correction of a band: name, aliases, country, year and links, with field errors. */
export function ResolutionBandEditPage({ id }: { id: string }) {
  const state = useQuery(WebBandForEditDocument, { id });
  return (
    <section aria-labelledby="band-edit-heading" className="narrow">
      <p className="breadcrumb">
        <Link to="/admin/resolution">Resolution</Link>
      </p>
      <h1 id="band-edit-heading">Edit band{state.data?.band ? `: ${state.data.band.name}` : ''}</h1>
      <QueryView state={state} isEmpty={(data) => !data.band} empty="There is no band with this id.">
        {(data) => <BandEditForm band={data.band!} />}
      </QueryView>
    </section>
  );
}

function BandEditForm({ band }: { band: Band }) {
  const [form, setForm] = useState<BandForm>(() => bandForm(band));
  const [saved, setSaved] = useState<Band>(band);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [update, updating] = useMutation(WebUpdateBandDocument);
  const change = (patch: Partial<BandForm>) => {
    setForm({ ...form, ...patch });
    setStatus('');
  };

  const server = fieldErrors(updating.error, BAND_FORM_FIELDS);
  const errorOf = (field: string) => problems[field] ?? server.fields[field];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = bandFormProblems(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const input = bandUpdateInput(form, saved);
    if (Object.keys(input).length === 0) return setStatus('Nothing changed.');
    const result = await update({ id: band.id, input });
    if (result) {
      setSaved(result.updateBand);
      setForm(bandForm(result.updateBand));
      setStatus('Saved.');
    }
  };

  const text = (name: keyof BandForm, label: string, hint?: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`band-${name}`}>{label}</label>
      <input
        id={`band-${name}`}
        type={type}
        inputMode={name === 'formedIn' ? 'numeric' : undefined}
        value={form[name]}
        aria-invalid={!!errorOf(name)}
        aria-describedby={`band-${name}-error${hint ? ` band-${name}-hint` : ''}`}
        onChange={(event) => change({ [name]: event.target.value })}
      />
      {hint && (
        <span id={`band-${name}-hint`} className="muted small">
          {hint}
        </span>
      )}
      <span id={`band-${name}-error`} className="field-error">
        {errorOf(name)}
      </span>
    </div>
  );

  return (
    <form onSubmit={submit} noValidate aria-label={`Edit ${saved.name}`}>
      {text('name', 'Name', `The address stays /bands/${saved.slug}.`)}
      <div className="field">
        <label htmlFor="band-aliases">Aliases (one per line)</label>
        <textarea
          id="band-aliases"
          rows={4}
          value={form.aliases}
          aria-invalid={!!errorOf('aliases')}
          aria-describedby="band-aliases-error band-aliases-hint"
          onChange={(event) => change({ aliases: event.target.value })}
        />
        <span id="band-aliases-hint" className="muted small">
          Listings that spell the band so resolve to it.
        </span>
        <span id="band-aliases-error" className="field-error">
          {errorOf('aliases')}
        </span>
      </div>
      {text('country', 'Country (two letters)', 'Empty clears it.')}
      {text('formedIn', 'Formed in (year)')}
      {text('metalArchivesUrl', 'Metal Archives page', undefined, 'url')}
      {text('bandcampUrl', 'Bandcamp page', undefined, 'url')}
      {server.general && updating.error && <ErrorMessage error={updating.error} />}
      <div className="actions">
        <button type="submit" disabled={updating.running}>
          Save band
        </button>
        <Link to={`/bands/${saved.slug}`}>Band page</Link>
      </div>
      <p role="status">{status}</p>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { WebBroadcastDocument, WebBroadcastTargetsDocument, WebGenresDocument } from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { ErrorMessage, Loading } from '../../components/states';
import { audienceText, broadcastInput, sentText, type BroadcastAudience, type BroadcastForm } from '../../lib/broadcast';
import { fieldErrors } from '../../lib/field-errors';

const AUDIENCES: { value: BroadcastAudience; label: string }[] = [
  { value: 'ALL', label: 'All fans' },
  { value: 'BAND', label: 'Followers of a band' },
  { value: 'LABEL', label: 'Followers of a label' },
  { value: 'GENRE', label: 'Followers of a genre' },
];

const EMPTY: BroadcastForm = { title: '', message: '', audience: 'ALL', target: null };

/** An operators' message to every fan, or to the followers of one band, label or genre. */
export function BroadcastPage() {
  const [form, setForm] = useState<BroadcastForm>(EMPTY);
  const [missing, setMissing] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [send, sending] = useMutation(WebBroadcastDocument);
  const errors = fieldErrors(sending.error, ['title', 'message', 'followersOf', 'type', 'id']);
  const change = (patch: Partial<BroadcastForm>) => {
    setForm({ ...form, ...patch });
    setOutcome('');
    setMissing(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = broadcastInput(form);
    if ('missing' in built) return setMissing(true);
    const result = await send(built);
    if (result) {
      setForm(EMPTY);
      setOutcome(sentText(result.broadcastNotification));
    }
  };

  return (
    <section aria-labelledby="broadcast-heading" className="narrow">
      <h1 id="broadcast-heading">Broadcast</h1>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="broadcast-title">Title</label>
          <input id="broadcast-title" maxLength={200} required value={form.title} aria-invalid={!!errors.fields.title} aria-describedby="broadcast-title-error" onChange={(event) => change({ title: event.target.value })} />
          <span id="broadcast-title-error" className="field-error">
            {errors.fields.title}
          </span>
        </div>
        <div className="field">
          <label htmlFor="broadcast-message">Message</label>
          <textarea
            id="broadcast-message"
            rows={5}
            maxLength={2000}
            required
            value={form.message}
            aria-invalid={!!errors.fields.message}
            aria-describedby="broadcast-message-error"
            onChange={(event) => change({ message: event.target.value })}
          />
          <span id="broadcast-message-error" className="field-error">
            {errors.fields.message}
          </span>
        </div>
        <fieldset>
          <legend>Send to</legend>
          {AUDIENCES.map((audience) => (
            <label key={audience.value} className="check">
              <input type="radio" name="audience" value={audience.value} checked={form.audience === audience.value} onChange={() => change({ audience: audience.value, target: null })} />
              {audience.label}
            </label>
          ))}
        </fieldset>
        {(form.audience === 'BAND' || form.audience === 'LABEL') && <CatalogPicker kind={form.audience} chosen={form.target} onChoose={(target) => change({ target })} />}
        {form.audience === 'GENRE' && <GenrePicker chosen={form.target} onChoose={(target) => change({ target })} />}
        {(missing || errors.fields.followersOf || errors.fields.id || errors.fields.type) && (
          <p className="field-error" role="alert">
            {missing ? `Choose the ${form.audience.toLowerCase()} first.` : (errors.fields.followersOf ?? errors.fields.id ?? errors.fields.type)}
          </p>
        )}
        <p className="muted">Goes to {audienceText(form)}, in the app and on their channels.</p>
        {sending.error && errors.general && <ErrorMessage error={sending.error} />}
        <button type="submit" disabled={sending.running}>
          Send broadcast
        </button>
        <p role="status" className="outcome" data-testid="broadcast-outcome">
          {outcome}
        </p>
      </form>
    </section>
  );
}

/** A band or label found by name: the search answers as the operator types (at least 2 characters). */
function CatalogPicker({ kind, chosen, onChoose }: { kind: 'BAND' | 'LABEL'; chosen: BroadcastForm['target']; onChoose: (target: BroadcastForm['target']) => void }) {
  const [query, setQuery] = useState('');
  const state = useQuery(WebBroadcastTargetsDocument, { query: query.trim() }, { skip: query.trim().length < 2 });
  const hits = (state.data?.searchCatalog ?? []).filter((hit) => hit.kind === kind);
  const noun = kind === 'BAND' ? 'band' : 'label';
  return (
    <div className="field picker">
      <label htmlFor="broadcast-target-search">Find the {noun}</label>
      <input id="broadcast-target-search" type="search" value={query} onChange={(event) => setQuery(event.target.value)} aria-describedby="broadcast-target-chosen" />
      <p id="broadcast-target-chosen" className="small">
        {chosen ? `Chosen: ${chosen.name}` : `No ${noun} chosen yet.`}
      </p>
      {state.error && <ErrorMessage error={state.error} retry={state.refetch} />}
      {state.loading && <Loading label="Searching…" />}
      {query.trim().length >= 2 && state.data && hits.length === 0 && <p className="muted small">No {noun} matches “{query}”.</p>}
      {hits.length > 0 && (
        <ul className="plain-list picker-hits" aria-label={`Matching ${noun}s`}>
          {hits.map((hit) => (
            <li key={hit.id}>
              <button type="button" className={chosen?.id === hit.id ? undefined : 'secondary'} aria-pressed={chosen?.id === hit.id} onClick={() => onChoose({ id: hit.id, name: hit.name })}>
                {hit.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function GenrePicker({ chosen, onChoose }: { chosen: BroadcastForm['target']; onChoose: (target: BroadcastForm['target']) => void }) {
  const state = useQuery(WebGenresDocument, {});
  if (state.error) return <ErrorMessage error={state.error} retry={state.refetch} />;
  if (!state.data) return <Loading />;
  const genres = state.data.genres;
  return (
    <div className="field">
      <label htmlFor="broadcast-genre">Genre</label>
      <select
        id="broadcast-genre"
        value={chosen?.id ?? ''}
        onChange={(event) => {
          const genre = genres.find((g) => g.id === event.target.value);
          onChoose(genre ? { id: genre.id, name: genre.name } : null);
        }}
      >
        <option value="">Choose a genre</option>
        {genres.map((genre) => (
          <option key={genre.id} value={genre.id}>
            {genre.name}
          </option>
        ))}
      </select>
    </div>
  );
}

import { useState } from 'react';
import {
  WebCreateSourceDocument,
  WebPreviewSourceDocument,
  WebSourceDocument,
  WebSourceFormChoicesDocument,
  WebUpdateSourceDocument,
  type SourceKind,
  type WebPreviewSourceMutation,
  type WebSourceFormChoicesQuery,
} from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { Empty, ErrorMessage, QueryView } from '../../components/states';
import { createSourceInput, draftFromPreset, draftFromSource, EMPTY_SOURCE, parseOptionsText, SOURCE_KINDS, sourceFormErrors, updateSourceInput, type SourceDraft } from '../../lib/source-form';
import { Link, useRouter } from '../../router';
import { SourcePreviewView } from './sources-preview';
import './console.css';

type Choices = WebSourceFormChoicesQuery;

export function SourceCreatePage() {
  const choices = useQuery(WebSourceFormChoicesDocument, {});
  return (
    <section aria-labelledby="source-form-heading">
      <p className="breadcrumb">
        <Link to="/admin/sources">Sources</Link>
      </p>
      <h1 id="source-form-heading">Add a source</h1>
      <QueryView state={choices}>{(data) => <SourceForm choices={data} initial={EMPTY_SOURCE} />}</QueryView>
    </section>
  );
}

export function SourceEditPage({ id }: { id: string }) {
  const choices = useQuery(WebSourceFormChoicesDocument, {});
  const source = useQuery(WebSourceDocument, { id });
  return (
    <section aria-labelledby="source-form-heading">
      <p className="breadcrumb">
        <Link to="/admin/sources">Sources</Link>
        {source.data?.source && (
          <>
            {' / '}
            <Link to={`/admin/sources/${id}`}>{source.data.source.name}</Link>
          </>
        )}
      </p>
      <h1 id="source-form-heading">Edit source</h1>
      <QueryView state={source}>
        {(data) =>
          data.source ? (
            <QueryView state={choices}>{(choiceData) => <SourceForm choices={choiceData} initial={draftFromSource(data.source!)} sourceId={id} />}</QueryView>
          ) : (
            <Empty>
              This source does not exist. Back to the <Link to="/admin/sources">sources</Link>.
            </Empty>
          )
        }
      </QueryView>
    </section>
  );
}

/** Create (no sourceId) or edit: preview what the configuration reads before saving it. */
function SourceForm({ choices, initial, sourceId }: { choices: Choices; initial: SourceDraft; sourceId?: string }) {
  const { navigate } = useRouter();
  const [draft, setDraft] = useState(initial);
  const [presetId, setPresetId] = useState('');
  const [create, creating] = useMutation(WebCreateSourceDocument);
  const [update, updating] = useMutation(WebUpdateSourceDocument);
  const [runPreview, previewing] = useMutation(WebPreviewSourceDocument);
  const [preview, setPreview] = useState<WebPreviewSourceMutation['previewSource']>();
  // Problems of the last action only: a preview's field errors and a save's are one list.
  const [lastAction, setLastAction] = useState<'preview' | 'save'>('save');
  const editing = sourceId !== undefined;
  const options = parseOptionsText(draft.optionsText);
  const actionError = lastAction === 'preview' ? previewing.error : editing ? updating.error : creating.error;
  const errors = sourceFormErrors(actionError);
  const busy = creating.running || updating.running || previewing.running;
  const kind = SOURCE_KINDS.find((candidate) => candidate.kind === draft.kind)!;
  const set = <K extends keyof SourceDraft>(key: K, value: SourceDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const save = async () => {
    setLastAction('save');
    if (editing) {
      const input = updateSourceInput(draft);
      const result = input && (await update({ id: sourceId, input }));
      if (result) navigate(`/admin/sources/${result.updateSource.id}`);
    } else {
      const input = createSourceInput(draft);
      const result = input && (await create({ input }));
      if (result) navigate(`/admin/sources/${result.createSource.id}`);
    }
  };
  const previewDraft = async () => {
    setLastAction('preview');
    const input = createSourceInput(draft);
    if (!input) return;
    setPreview(undefined);
    const result = await runPreview({ input });
    if (result) setPreview(result.previewSource);
  };

  const fieldProps = (name: string) => ({
    'aria-invalid': !!errors.fields[name],
    'aria-describedby': `source-${name}-error source-${name}-hint`,
  });
  const fieldError = (name: string) => (
    <span id={`source-${name}-error`} className="field-error">
      {errors.fields[name]}
    </span>
  );

  return (
    <>
      <form
        className="console-form"
        noValidate
        aria-label={editing ? 'Edit source' : 'New source'}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {!editing && choices.sourcePresets.length > 0 && (
          <fieldset>
            <legend>Start from a known shop</legend>
            <div className="inline-form">
              <label htmlFor="source-preset" className="visually-hidden">
                Preset
              </label>
              <select id="source-preset" value={presetId} onChange={(event) => setPresetId(event.target.value)}>
                <option value="">Choose a preset…</option>
                {choices.sourcePresets.map((preset) => (
                  <option key={preset.id} value={preset.id}>
                    {preset.name} ({preset.country}, {preset.platform})
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="secondary"
                disabled={!presetId}
                onClick={() => {
                  const preset = choices.sourcePresets.find((candidate) => candidate.id === presetId);
                  if (preset) setDraft((current) => draftFromPreset(current, preset));
                }}
              >
                Use preset
              </button>
            </div>
            <span className="muted small">Fills kind, URL, schedule and options; change anything before saving.</span>
          </fieldset>
        )}
        <div className="form-grid">
          <div className="field">
            <label htmlFor="source-name">Name</label>
            <input id="source-name" value={draft.name} maxLength={200} required {...fieldProps('name')} onChange={(event) => set('name', event.target.value)} />
            {fieldError('name')}
            <span id="source-name-hint" />
          </div>
          <div className="field">
            <label htmlFor="source-kind">Kind</label>
            <select id="source-kind" value={draft.kind} disabled={editing} {...fieldProps('kind')} onChange={(event) => set('kind', event.target.value as SourceKind)}>
              {SOURCE_KINDS.map((candidate) => (
                <option key={candidate.kind} value={candidate.kind}>
                  {candidate.label}
                </option>
              ))}
            </select>
            {fieldError('kind')}
            <span id="source-kind-hint" className="muted small">
              {editing ? 'A saved source keeps its kind; add a new source for another one.' : ''}
            </span>
          </div>
        </div>
        <div className="field">
          <label htmlFor="source-url">URL</label>
          <input id="source-url" type="url" value={draft.url} required {...fieldProps('url')} onChange={(event) => set('url', event.target.value)} />
          {fieldError('url')}
          <span id="source-url-hint" className="muted small">
            {kind.url}
          </span>
        </div>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="source-distributorId">Shop</label>
            <select id="source-distributorId" value={draft.distributorId} {...fieldProps('distributorId')} onChange={(event) => set('distributorId', event.target.value)}>
              <option value="">None (announcement feed)</option>
              {choices.distributors.edges.map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.name}
                  {node.autoCreated ? ' (provisional)' : ''}
                </option>
              ))}
            </select>
            {fieldError('distributorId')}
            <span id="source-distributorId-hint" className="muted small">
              Listings are offers of this shop. <Link to="/admin/shops/new">Add a shop</Link>
            </span>
          </div>
          <div className="field">
            <label htmlFor="source-schedule">Schedule</label>
            <input id="source-schedule" value={draft.schedule} placeholder="0 */6 * * *" autoComplete="off" {...fieldProps('schedule')} onChange={(event) => set('schedule', event.target.value)} />
            {fieldError('schedule')}
            <span id="source-schedule-hint" className="muted small">
              Cron, in UTC (5 or 6 fields). Empty: runs only when started by hand.
            </span>
          </div>
        </div>
        <div className="field">
          <label htmlFor="source-options">Options (JSON)</label>
          <textarea
            id="source-options"
            className="code-field"
            spellCheck={false}
            value={draft.optionsText}
            placeholder="{}"
            aria-invalid={!options.ok || errors.options.length > 0}
            aria-describedby="source-options-error source-options-hint"
            onChange={(event) => set('optionsText', event.target.value)}
          />
          <div id="source-options-error" data-testid="options-errors">
            {!options.ok && <span className="field-error">{options.message}</span>}
            {errors.options.length > 0 && (
              <ul className="problem-list">
                {errors.options.map((problem) => (
                  <li key={`${problem.path}:${problem.message}`}>
                    <code>{problem.path}</code>: {problem.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <span id="source-options-hint" className="muted small">
            Options of a {kind.label}: {kind.options}. The server checks them against the kind.
          </span>
        </div>
        {!editing && (
          <label className="check">
            <input type="checkbox" checked={draft.enabled} onChange={(event) => set('enabled', event.target.checked)} />
            Enabled (runs on its schedule)
          </label>
        )}
        <div className="actions">
          <button type="button" className="secondary" disabled={busy || !options.ok} onClick={() => void previewDraft()}>
            {previewing.running ? 'Previewing…' : 'Preview'}
          </button>
          <button type="submit" disabled={busy || !options.ok}>
            {editing ? 'Save changes' : 'Create source'}
          </button>
          {errors.general && actionError && <ErrorMessage error={actionError} />}
        </div>
      </form>
      {previewing.running && <p role="status">Reading the first pages…</p>}
      {preview && <SourcePreviewView preview={preview} />}
    </>
  );
}

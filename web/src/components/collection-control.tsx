import { useState } from 'react';
import { useMutation, useQuery } from '../client/client-context';
import { WebReleaseCollectionStatusDocument, WebRemoveCollectionItemDocument, WebSetCollectionItemDocument, type CollectionStatus, type Format } from '@mrt/operations';
import { FORMAT_LABELS, FORMATS, isOneOf } from '../lib/enums';
import { Link } from '../router';
import { useAuth } from '../state/auth';

/** The release page's "I want it" / "I have it": pressed buttons show where it stands in the fan's collection. */
export function CollectionControl({ releaseId, title }: { releaseId: string; title: string }) {
  const { user } = useAuth();
  const state = useQuery(WebReleaseCollectionStatusDocument, { id: releaseId }, { skip: !user });
  const [set, setting] = useMutation(WebSetCollectionItemDocument);
  const [remove, removing] = useMutation(WebRemoveCollectionItemDocument);
  const [format, setFormat] = useState<Format | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  if (!user) {
    return (
      <Link to="/sign-in" className="button secondary">
        Sign in to collect {title}
      </Link>
    );
  }
  const current = state.data?.release?.inMyCollection ?? null;
  const busy = state.loading || setting.running || removing.running;
  const error = setting.error ?? removing.error ?? state.error;
  const choose = async (status: CollectionStatus) => {
    setHint(null);
    if (current !== status) {
      if (await set({ input: { releaseId, format, status } })) state.refetch();
      return;
    }
    // Pressed again: take out the entry of the chosen format. The button shows the release as a
    // whole, so the entry may be of another format: say where to remove it then.
    const removed = await remove({ releaseId, format });
    if (removed?.removeCollectionItem) state.refetch();
    else if (removed) setHint(`Your entry is for another format than ${format ? FORMAT_LABELS[format] : 'any'}: choose it, or remove it on your collection page.`);
  };
  return (
    <span className="collection-control" role="group" aria-label="Your collection">
      <label htmlFor="collection-format" className="visually-hidden">
        Format
      </label>
      <select id="collection-format" value={format ?? ''} onChange={(event) => setFormat(isOneOf(FORMATS, event.target.value) ? event.target.value : null)}>
        <option value="">Any format</option>
        {FORMATS.map((value) => (
          <option key={value} value={value}>
            {FORMAT_LABELS[value]}
          </option>
        ))}
      </select>
      <button type="button" className="secondary" aria-pressed={current === 'WANT'} aria-busy={busy} disabled={busy} onClick={() => choose('WANT')}>
        {current === 'WANT' ? 'Wanted' : 'I want it'}
      </button>
      <button type="button" className="secondary" aria-pressed={current === 'HAVE'} aria-busy={busy} disabled={busy} onClick={() => choose('HAVE')}>
        {current === 'HAVE' ? 'Owned' : 'I have it'}
      </button>
      {current && (
        <Link to="/collection" className="small">
          My collection
        </Link>
      )}
      {hint && (
        <span className="muted small" role="status">
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error.message}
        </span>
      )}
    </span>
  );
}

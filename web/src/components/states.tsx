import type { ReactNode } from 'react';
import type { GraphqlRequestError } from '../client/graphql-client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

const FRIENDLY: Record<string, string> = {
  UNAUTHENTICATED: 'Please sign in to see this.',
  FORBIDDEN: 'You are not allowed to see this.',
  NETWORK_ERROR: 'The server cannot be reached. Check your connection and try again.',
  RATE_LIMITED: 'Too many requests: wait a moment and try again.',
};

export function ErrorMessage({ error, retry }: { error: GraphqlRequestError; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>{FRIENDLY[error.code] ?? error.message}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Loading, error or the content: one pattern for every page. */
export function QueryView<T>({
  state,
  children,
  isEmpty,
  empty,
}: {
  state: { data: T | undefined; error: GraphqlRequestError | undefined; loading: boolean; refetch: () => void };
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
}) {
  if (state.error) return <ErrorMessage error={state.error} retry={state.refetch} />;
  if (state.data === undefined) return <Loading />;
  if (isEmpty?.(state.data)) return <Empty>{empty ?? 'Nothing here yet.'}</Empty>;
  return <>{children(state.data)}</>;
}

import { createContext, useContext, useEffect, useRef, useState, useCallback, type ReactNode } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphqlRequestError, type GraphqlClient } from './graphql-client';

const ClientContext = createContext<GraphqlClient | null>(null);

export function ClientProvider({ client, children }: { client: GraphqlClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): GraphqlClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}

export interface QueryState<TData> {
  data: TData | undefined;
  error: GraphqlRequestError | undefined;
  loading: boolean;
  refetch: () => void;
}

/** Runs a query when its variables change; the previous data stays while the next loads. */
export function useQuery<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: { skip?: boolean } = {},
): QueryState<TData> {
  const client = useClient();
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data?: TData; error?: GraphqlRequestError; loading: boolean }>({ loading: !options.skip });
  const [reloads, setReloads] = useState(0);
  const refetch = useCallback(() => setReloads((count) => count + 1), []);

  useEffect(() => {
    if (options.skip) {
      setState({ loading: false });
      return;
    }
    let current = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    client.request(document, JSON.parse(key) as TVariables).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error: asRequestError(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [client, document, key, options.skip, reloads]);

  return { data: state.data, error: state.error, loading: state.loading, refetch };
}

export interface MutationState<TData> {
  data: TData | undefined;
  error: GraphqlRequestError | undefined;
  running: boolean;
}

export function useMutation<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
): [(variables: TVariables) => Promise<TData | undefined>, MutationState<TData>] {
  const client = useClient();
  const [state, setState] = useState<MutationState<TData>>({ data: undefined, error: undefined, running: false });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (variables: TVariables) => {
      setState({ data: undefined, error: undefined, running: true });
      try {
        const data = await client.request(document, variables);
        if (mounted.current) setState({ data, error: undefined, running: false });
        return data;
      } catch (error) {
        if (mounted.current) setState({ data: undefined, error: asRequestError(error), running: false });
        return undefined;
      }
    },
    [client, document],
  );
  return [run, state];
}

export function asRequestError(error: unknown): GraphqlRequestError {
  if (error instanceof GraphqlRequestError) return error;
  return new GraphqlRequestError(error instanceof Error ? error.message : String(error), 'CLIENT_ERROR');
}

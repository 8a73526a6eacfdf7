import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import { WebRefreshSessionDocument } from '@mrt/operations';
import { SessionStore, type Session, type SessionStorage } from './auth-tokens';
import { operationText } from './operation-text';

export interface GraphqlErrorShape {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/** A failed operation: the server's errors (with stable codes), or a network failure. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly errors: GraphqlErrorShape[] = [],
  ) {
    super(message);
  }
}

export interface OperationResult<TData> {
  data: TData;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface GraphqlClientOptions {
  /** Absolute or same-origin URL of the gateway's /graphql. */
  url: string;
  storage?: SessionStorage;
  fetch?: Fetch;
  /** ws(s) URL for graphql-ws; derived from url when omitted. */
  wsUrl?: string;
}

/**
 * A small client for generated documents: POSTs the manifest text with its hash (a trusted
 * document), sends the access token, refreshes it once on UNAUTHENTICATED, and opens one
 * graphql-ws connection for subscriptions, re-opened when the session changes.
 */
export class GraphqlClient {
  readonly session: SessionStore;
  private readonly fetchImpl: Fetch;
  private live: Client | null = null;
  private readonly liveListeners = new Set<() => void>();

  constructor(private readonly options: GraphqlClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.session = new SessionStore(options.storage, (refreshToken) => this.refreshSession(refreshToken));
    // A refreshed token keeps the connection (the server closes it at the old token's expiry and
    // graphql-ws reconnects with the new one); losing the session closes it.
    this.session.subscribe((session) => {
      if (!session) this.closeLive();
    });
  }

  /** Called each time the live connection is (re)established: pushes in a gap were missed. */
  onLiveConnected(listener: () => void): () => void {
    this.liveListeners.add(listener);
    return () => {
      this.liveListeners.delete(listener);
    };
  }

  async request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
  ): Promise<TData> {
    const token = await this.session.accessToken();
    try {
      return await this.send(document, variables, token);
    } catch (error) {
      if (!(error instanceof GraphqlRequestError) || error.code !== 'UNAUTHENTICATED' || !token) throw error;
      const refreshed = await this.session.forceRefresh();
      if (!refreshed) throw error;
      return this.send(document, variables, refreshed.accessToken);
    }
  }

  /** Calls onData for each pushed result until the returned function is called. */
  subscribe<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    handlers: { onData: (data: TData) => void; onError?: (error: unknown) => void },
  ): () => void {
    const { query } = operationText(document);
    return this.liveClient().subscribe<TData>(
      { query, variables },
      {
        next: (result) => {
          if (result.data) handlers.onData(result.data);
          else if (result.errors) handlers.onError?.(result.errors);
        },
        error: (error) => handlers.onError?.(error),
        complete: () => undefined,
      },
    );
  }

  /** Sign-in or sign-out: another user's live connection must not carry on. */
  setSession(session: Session | null): void {
    this.closeLive();
    this.session.set(session);
  }

  private async send<TData>(document: TypedDocumentNode<TData, never>, variables: unknown, token: string | null): Promise<TData> {
    const { query, sha256Hash } = operationText(document);
    let response: Response;
    try {
      response = await this.fetchImpl(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables: variables ?? {}, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
      });
    } catch {
      throw new GraphqlRequestError('The server cannot be reached. Check your connection and try again.', 'NETWORK_ERROR');
    }
    let body: { data?: TData | null; errors?: GraphqlErrorShape[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new GraphqlRequestError(`The server answered ${response.status} without a GraphQL result.`, 'BAD_RESPONSE');
    }
    if (body.errors?.length) {
      const first = body.errors[0]!;
      throw new GraphqlRequestError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', body.errors);
    }
    if (!body.data) throw new GraphqlRequestError('The server sent no data.', 'BAD_RESPONSE');
    return body.data;
  }

  /**
   * null only when the server refused the refresh token: the users service answers an unknown,
   * expired, revoked or reused one with UNAUTHENTICATED. A network failure, a 5xx or a rate
   * limit says nothing about the token, so it rejects and the session stays.
   */
  private async refreshSession(refreshToken: string): Promise<Session | null> {
    try {
      const data = await this.send(WebRefreshSessionDocument, { refreshToken }, null);
      return data.refreshToken;
    } catch (error) {
      if (error instanceof GraphqlRequestError && error.code === 'UNAUTHENTICATED') return null;
      throw error;
    }
  }

  private liveClient(): Client {
    this.live ??= createClient({
      url: this.options.wsUrl ?? toWebSocketUrl(this.options.url),
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: {
        connected: () => {
          for (const listener of this.liveListeners) listener();
        },
      },
      connectionParams: async () => {
        const token = await this.session.accessToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    });
    return this.live;
  }

  private closeLive(): void {
    const live = this.live;
    this.live = null;
    void live?.dispose();
  }
}

/** http://host/graphql -> ws://host/graphql; a relative URL is resolved against the page. */
export function toWebSocketUrl(url: string, base = globalThis.location?.href ?? 'http://localhost/'): string {
  const absolute = new URL(url, base);
  absolute.protocol = absolute.protocol === 'https:' ? 'wss:' : 'ws:';
  return absolute.toString();
}

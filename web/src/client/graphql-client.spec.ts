import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebMeDocument, WebReleasesDocument } from '@mrt/operations';
import { GraphqlClient, GraphqlRequestError, toWebSocketUrl } from './graphql-client';

interface Sent {
  authorization?: string;
  body: { query: string; variables: Record<string, unknown>; extensions: { persistedQuery: { version: number; sha256Hash: string } } };
}

function fakeServer(answer: (sent: Sent) => { status?: number; body: unknown }) {
  const sent: Sent[] = [];
  const fetch = async (_url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const request: Sent = { authorization: headers.authorization, body: JSON.parse(init.body as string) as Sent['body'] };
    sent.push(request);
    const { status = 200, body } = answer(request);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { sent, fetch };
}

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('GraphqlClient', () => {
  it('sends the trusted document text with its sha256, so a trusted-documents gateway accepts it', async () => {
    const server = fakeServer(() => ({ body: { data: { releases: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } } }));
    const client = new GraphqlClient({ url: '/graphql', fetch: server.fetch });
    const data = await client.request(WebReleasesDocument, { first: 5 });
    expect(data.releases.edges).toEqual([]);
    const { query, variables, extensions } = server.sent[0]!.body;
    expect(query).toMatch(/^query WebReleases\(/);
    expect(extensions.persistedQuery.sha256Hash).toBe(createHash('sha256').update(query).digest('hex'));
    expect(variables).toEqual({ first: 5 });
    expect(server.sent[0]!.authorization).toBeUndefined();
  });

  it('refreshes the session once when the server refuses the access token, then retries', async () => {
    const server = fakeServer(({ authorization, body }) => {
      if (body.query.startsWith('mutation WebRefreshSession')) {
        return { body: { data: { refreshToken: { accessToken: 'new', accessTokenExpiresAt: later(600_000), refreshToken: 'refresh-2' } } } };
      }
      if (authorization === 'Bearer old') return { status: 401, body: { errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] } };
      return { body: { data: { me: { id: 'u1', displayName: 'Fan', email: null, country: null, currency: 'EUR', roles: ['USER'] } } } };
    });
    const client = new GraphqlClient({ url: '/graphql', fetch: server.fetch });
    client.setSession({ accessToken: 'old', accessTokenExpiresAt: later(600_000), refreshToken: 'refresh-1' });
    const { me } = await client.request(WebMeDocument, {});
    expect(me?.id).toBe('u1');
    expect(server.sent.map((sent) => sent.authorization ?? 'anonymous')).toEqual(['Bearer old', 'anonymous', 'Bearer new']);
    expect(server.sent[1]!.body.variables).toEqual({ refreshToken: 'refresh-1' });
    expect(client.session.current?.refreshToken).toBe('refresh-2');
  });

  it('reports GraphQL errors with their code, and a failed network as NETWORK_ERROR', async () => {
    const server = fakeServer(() => ({ body: { errors: [{ message: 'Too deep', extensions: { code: 'OPERATION_TOO_DEEP' } }] } }));
    const client = new GraphqlClient({ url: '/graphql', fetch: server.fetch });
    await expect(client.request(WebMeDocument, {})).rejects.toMatchObject({ code: 'OPERATION_TOO_DEEP', message: 'Too deep' });
    const offline = new GraphqlClient({ url: '/graphql', fetch: () => Promise.reject(new TypeError('fetch failed')) });
    const error = await offline.request(WebMeDocument, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphqlRequestError);
    expect((error as GraphqlRequestError).code).toBe('NETWORK_ERROR');
  });

  it('signs out only when the server refuses the refresh token, not when the refresh fails', async () => {
    const stale = { accessToken: 'old', accessTokenExpiresAt: later(-1_000), refreshToken: 'refresh-1' };
    const refreshAnswers: Record<string, { status: number; body: unknown } | 'offline'> = {
      offline: 'offline',
      unavailable: { status: 503, body: { errors: [{ message: 'users is down', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] } },
      limited: { status: 429, body: { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] } },
    };
    for (const [name, answer] of Object.entries(refreshAnswers)) {
      const server = fakeServer(() => (answer === 'offline' ? { body: null } : answer));
      const fetch = (url: string, init: RequestInit) => (answer === 'offline' ? Promise.reject(new TypeError('fetch failed')) : server.fetch(url, init));
      const client = new GraphqlClient({ url: '/graphql', fetch });
      client.setSession(stale);
      await expect(client.request(WebMeDocument, {}), name).rejects.toBeInstanceOf(GraphqlRequestError);
      expect(client.session.current, name).toEqual(stale);
    }

    // The users service's answer to a spent, expired or revoked refresh token.
    const refused = fakeServer(() => ({
      body: { errors: [{ message: 'Refresh token was already used', extensions: { code: 'UNAUTHENTICATED', reason: 'REUSED' } }] },
    }));
    const client = new GraphqlClient({ url: '/graphql', fetch: refused.fetch });
    client.setSession(stale);
    const signedOut: unknown[] = [];
    client.session.subscribe((session) => signedOut.push(session));
    await client.request(WebMeDocument, {}).catch(() => undefined);
    expect(client.session.current).toBeNull();
    expect(signedOut).toEqual([null]);
  });

  it('derives the graphql-ws URL from the page', () => {
    expect(toWebSocketUrl('/graphql', 'https://tracker.example/releases')).toBe('wss://tracker.example/graphql');
    expect(toWebSocketUrl('/graphql', 'http://localhost:4000/')).toBe('ws://localhost:4000/graphql');
  });
});

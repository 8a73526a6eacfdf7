import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { SUBGRAPH_NAMES, type Scope, type SubgraphName } from '@mrt/platform';
import { testEnv } from '@mrt/platform/testing';
import { LoginDocument, RefreshTokenDocument, RegisterDocument } from '@mrt/operations';
import { graphql, startTestSupergraph, type GraphqlResponse, type TestSupergraph } from './harness.js';

/**
 * What each role may do, proven through the whole supergraph: an ADMIN, an EDITOR (promoted by
 * the admin, in force from the editor's next token refresh) and a fan each try one operation per
 * scope, at the gateway and at the subgraph that owns it (called directly, with the gateway's
 * secret). An EDITOR manages sources, shops and resolution, and nothing else.
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
const ADMIN = { email: 'matrix-admin@example.com', password: 'admin-password-123' };
type Caller = 'admin' | 'editor' | 'fan' | 'anonymous';
const CALLERS: Caller[] = ['admin', 'editor', 'fan', 'anonymous'];

/** Stated here rather than read from ROLE_SCOPES: the spec is what the table must keep doing. */
const MAY: Record<Caller, readonly Scope[]> = {
  admin: ['sources:write', 'catalog:write', 'delivery:write', 'events:replay', 'users:admin', 'broadcast'],
  editor: ['sources:write', 'catalog:write', 'delivery:write'],
  fan: [],
  anonymous: [],
};

let supergraph: TestSupergraph;
const tokens: Partial<Record<Caller, string>> = {};
const ids: Record<string, string> = {};
let source: { id: string; enabled: boolean };

function headers(caller: Caller, withSecret: boolean): Record<string, string> {
  return {
    ...(caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens[caller]}` }),
    ...(withSecret ? { 'x-gateway-secret': supergraph.gatewaySecret } : {}),
  };
}

beforeAll(async () => {
  supergraph = await startTestSupergraph({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SAMPLE_SHOPS_PORT: '0' },
  });
  const admin = await graphql(supergraph.gatewayUrl, LoginDocument, { input: ADMIN });
  tokens.admin = admin.data!.login.accessToken;
  const register = async (email: string) => {
    const result = await graphql(supergraph.gatewayUrl, RegisterDocument, { input: { email, password: 'a long passphrase', displayName: email.split('@')[0]! } });
    expect(result.errors).toBeUndefined();
    return result.data!.register;
  };
  const fan = await register('matrix-fan@example.com');
  tokens.fan = fan.accessToken;
  ids.fan = fan.user.id;
  const editor = await register('matrix-editor@example.com');
  ids.editor = editor.user.id;
  tokens.editor = editor.accessToken;

  const seeded = await graphql<{ sources: { edges: { node: { id: string; enabled: boolean } }[] }; distributors: { edges: { node: { id: string; name: string } }[] } }>(
    supergraph.gatewayUrl,
    `{ sources(first: 1) { edges { node { id enabled } } } distributors(first: 1) { edges { node { id name } } } }`,
    {},
    headers('admin', false),
  );
  expect(seeded.errors).toBeUndefined();
  source = seeded.data!.sources.edges[0]!.node;
  ids.distributor = seeded.data!.distributors.edges[0]!.node.id;
  ids.distributorName = seeded.data!.distributors.edges[0]!.node.name;

  // The admin makes an EDITOR of a fan; it is in force from the editor's next token refresh.
  const before = await graphql(supergraph.gatewayUrl, `{ sources { edges { node { id } } } }`, {}, headers('editor', false));
  expect(before.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'sources:write' });
  const promoted = await graphql<{ setUserRoles: { roles: string[] } }>(
    supergraph.gatewayUrl,
    `mutation($id: ID!) { setUserRoles(userId: $id, roles: [EDITOR]) { roles } }`,
    { id: ids.editor },
    headers('admin', false),
  );
  expect(promoted.data?.setUserRoles.roles).toEqual(['USER', 'EDITOR']);
  // The token in hand still carries what it was signed with.
  expect((await graphql(supergraph.gatewayUrl, `{ sources { edges { node { id } } } }`, {}, headers('editor', false))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const refreshed = await graphql(supergraph.gatewayUrl, RefreshTokenDocument, { refreshToken: editor.refreshToken });
  tokens.editor = refreshed.data!.refreshToken.accessToken;
  expect(decodeJwt(tokens.editor)).toMatchObject({ roles: ['USER', 'EDITOR'], scope: 'sources:write catalog:write delivery:write' });
  const after = await graphql(supergraph.gatewayUrl, `{ sources { edges { node { id } } } }`, {}, headers('editor', false));
  expect(after.errors).toBeUndefined();
});

afterAll(async () => {
  await supergraph?.stop();
});

interface ScopeCase {
  scope: Scope;
  /** The subgraphs that answer it when called directly. */
  subgraphs: readonly SubgraphName[];
  field: string;
  operation: string;
  variables?: () => Record<string, unknown>;
}
/** One representative operation per scope; each may run again and again with the same outcome. */
const CASES: ScopeCase[] = [
  {
    scope: 'sources:write',
    subgraphs: ['raw-data'],
    field: 'setSourceEnabled',
    operation: `mutation($id: ID!, $enabled: Boolean!) { setSourceEnabled(id: $id, enabled: $enabled) { id } }`,
    variables: () => ({ id: source.id, enabled: source.enabled }),
  },
  {
    scope: 'catalog:write',
    subgraphs: ['catalog'],
    field: 'updateDistributor',
    operation: `mutation($id: ID!, $name: String!) { updateDistributor(id: $id, input: { name: $name }) { id } }`,
    variables: () => ({ id: ids.distributor, name: ids.distributorName }),
  },
  { scope: 'delivery:write', subgraphs: ['delivery'], field: 'setParcelWeights', operation: `mutation { setParcelWeights(input: {}) { packagingGrams } }` },
  // Every subgraph answers the dead-letter operations (the streams are shared): each is tried.
  { scope: 'events:replay', subgraphs: SUBGRAPH_NAMES, field: 'replayAllDeadLetters', operation: `mutation { replayAllDeadLetters(stream: "raw.listings") }` },
  {
    scope: 'users:admin',
    subgraphs: ['users'],
    field: 'setUserRoles',
    operation: `mutation($id: ID!) { setUserRoles(userId: $id, roles: [USER]) { id } }`,
    variables: () => ({ id: ids.fan }),
  },
  {
    scope: 'broadcast',
    subgraphs: ['notifications'],
    field: 'broadcastNotification',
    operation: `mutation($fan: ID!) { broadcastNotification(input: { title: "Matrix", message: "Scope check", userIds: [$fan] }) }`,
    variables: () => ({ fan: ids.fan }),
  },
];

function expectOutcome(result: GraphqlResponse, caller: Caller, scopeCase: ScopeCase, where: string): void {
  const label = `${caller} ${scopeCase.scope} at ${where}`;
  if (MAY[caller].includes(scopeCase.scope)) {
    expect(result.errors, label).toBeUndefined();
    expect(result.data?.[scopeCase.field], label).not.toBeNull();
    expect(result.data?.[scopeCase.field], label).toBeDefined();
    return;
  }
  const error = result.errors?.[0];
  if (caller === 'anonymous') {
    expect(error?.extensions?.code, label).toBe('UNAUTHENTICATED');
  } else {
    expect(error?.extensions?.code, label).toBe('FORBIDDEN');
    expect(error?.extensions?.requiredScope, label).toBe(scopeCase.scope);
  }
  expect(result.data?.[scopeCase.field] ?? null, label).toBeNull();
}

describe('the scope matrix', () => {
  describe.each(CASES.map((scopeCase) => [scopeCase.scope, scopeCase] as const))('%s', (_scope, scopeCase) => {
    it.each(CALLERS)('%s: allowed or refused alike at the gateway and at the subgraph', async (caller) => {
      const variables = scopeCase.variables?.() ?? {};
      expectOutcome(await graphql(supergraph.gatewayUrl, scopeCase.operation, variables, headers(caller, false)), caller, scopeCase, 'the gateway');
      for (const subgraph of scopeCase.subgraphs) {
        const url = `${supergraph.subgraphs[subgraph]}/graphql`;
        expectOutcome(await graphql(url, scopeCase.operation, variables, headers(caller, true)), caller, scopeCase, subgraph);
      }
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForValue } from '@mrt/events/wait-for';
import { testEnv } from '@mrt/platform/testing';
import { LoginDocument, RefreshTokenDocument, RegisterDocument } from '@mrt/operations';
import { graphql, startTestSupergraph, type TestSupergraph } from './harness.js';

/**
 * The audit log through the whole supergraph: an EDITOR changes a source in raw-data (and fails
 * one change), and the ADMIN reads both in the users subgraph's auditLog, carried there by the
 * event backbone, with the source before and after and the secret in the URL masked.
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
const ADMIN = { email: 'audit-admin@example.com', password: 'admin-password-123' };

let supergraph: TestSupergraph;
let adminToken: string;
let editorToken: string;
let editorId: string;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  supergraph = await startTestSupergraph({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SAMPLE_SHOPS_PORT: '0' },
  });
  adminToken = (await graphql(supergraph.gatewayUrl, LoginDocument, { input: ADMIN })).data!.login.accessToken;
  const registered = await graphql(supergraph.gatewayUrl, RegisterDocument, { input: { email: 'audit-editor@example.com', password: 'a long passphrase', displayName: 'Editor' } });
  const editor = registered.data!.register;
  editorId = editor.user.id;
  const promoted = await graphql(supergraph.gatewayUrl, `mutation($id: ID!) { setUserRoles(userId: $id, roles: [EDITOR]) { roles } }`, { id: editorId }, bearer(adminToken));
  expect(promoted.errors).toBeUndefined();
  editorToken = (await graphql(supergraph.gatewayUrl, RefreshTokenDocument, { refreshToken: editor.refreshToken })).data!.refreshToken.accessToken;
}, 180_000);

afterAll(async () => {
  await supergraph?.stop();
});

interface AuditNode {
  subgraph: string;
  actorId: string;
  operationName: string | null;
  field: string;
  outcome: string;
  variables: Record<string, unknown>;
  changes: { entity: string; id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
}
const AUDIT_LOG = `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 10) { edges { node { subgraph actorId operationName field outcome variables changes { entity id before after } } } } }`;

describe('the audit log through the gateway', () => {
  it('shows the admin what an editor changed, and what the editor tried and failed', async () => {
    const listed = await graphql<{ sources: { edges: { node: { id: string; name: string } }[] } }>(
      supergraph.gatewayUrl,
      `{ sources(first: 1) { edges { node { id name } } } }`,
      {},
      bearer(editorToken),
    );
    const source = listed.data!.sources.edges[0]!.node;
    const renamed = await graphql(
      supergraph.gatewayUrl,
      `mutation RenameSource($id: ID!, $input: UpdateSourceInput!) { updateSource(id: $id, input: $input) { id name } }`,
      { id: source.id, input: { name: `${source.name} (audited)` } },
      bearer(editorToken),
    );
    expect(renamed.errors).toBeUndefined();
    const refused = await graphql(
      supergraph.gatewayUrl,
      `mutation BreakSource($id: ID!, $input: UpdateSourceInput!) { updateSource(id: $id, input: $input) { id } }`,
      { id: source.id, input: { url: 'ftp://user:hunter2@shop.example/?token=s3cret' } },
      bearer(editorToken),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const entries = await waitForValue(
      async () => (await graphql<{ auditLog: { edges: { node: AuditNode }[] } }>(supergraph.gatewayUrl, AUDIT_LOG, { filter: { actorId: editorId } }, bearer(adminToken))).data?.auditLog.edges ?? [],
      (edges) => edges.length >= 2,
      { timeoutMs: 60_000 },
    );
    const [failed, changed] = entries.map((edge) => edge.node);
    expect(failed).toMatchObject({ subgraph: 'raw-data', actorId: editorId, operationName: 'BreakSource', field: 'updateSource', outcome: 'BAD_USER_INPUT', changes: [] });
    expect(JSON.stringify(failed)).not.toMatch(/hunter2|s3cret/);
    expect(changed).toMatchObject({
      subgraph: 'raw-data',
      operationName: 'RenameSource',
      outcome: 'OK',
      changes: [{ entity: 'Source', id: source.id, before: { name: source.name }, after: { name: `${source.name} (audited)` } }],
    });

    const forEditor = await graphql(supergraph.gatewayUrl, AUDIT_LOG, {}, bearer(editorToken));
    expect(forEditor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'users:admin' });
  }, 120_000);
});

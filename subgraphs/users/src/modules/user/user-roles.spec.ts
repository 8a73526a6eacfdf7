import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { usersSubgraph } from '../../index.js';

let users: TestSubgraph;
beforeAll(async () => {
  users = await openTestSubgraph(usersSubgraph, { env: { ADMIN_EMAIL: 'roles-root@example.com', ADMIN_PASSWORD: 'root-password-123' } });
});
afterAll(async () => users?.close());

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; roles: string[] };
}
const SESSION = 'accessToken refreshToken user { id roles }';
const SET_ROLES = `mutation($id: ID!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { id roles } }`;
const USERS = `query($search: String, $first: Int, $after: String) { users(search: $search, first: $first, after: $after) { edges { node { email displayName } } pageInfo { hasNextPage endCursor } } }`;

async function register(email: string, displayName = 'Fan'): Promise<Session> {
  const variables = { input: { email, password: 'a long passphrase', displayName } };
  return (await executeOk<{ register: Session }>(users.apollo, `mutation($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`, { variables })).register;
}
async function signInAsRoot(): Promise<Session> {
  const variables = { input: { email: 'roles-root@example.com', password: 'root-password-123' } };
  return (await executeOk<{ login: Session }>(users.apollo, `mutation($input: LoginInput!) { login(input: $input) { ${SESSION} } }`, { variables })).login;
}
const refresh = async (session: Session) =>
  (await executeOk<{ refreshToken: Session }>(users.apollo, `mutation($t: String!) { refreshToken(refreshToken: $t) { ${SESSION} } }`, { variables: { t: session.refreshToken } }))
    .refreshToken;
const scopeClaim = (session: Session) => decodeJwt(session.accessToken).scope;

describe('roles and the scopes in the token', () => {
  it('signs each role’s scopes into the token: none for a fan, every one for an admin', async () => {
    expect(scopeClaim(await register('scopes-fan@example.com'))).toBe('');
    const root = await signInAsRoot();
    expect(decodeJwt(root.accessToken).roles).toEqual(['USER', 'ADMIN']);
    expect(scopeClaim(root)).toBe('sources:write catalog:write delivery:write events:replay users:admin broadcast');
  });

  it('lets an admin make a fan an EDITOR, which the fan’s token carries from the next refresh on', async () => {
    const root = await signInAsRoot();
    const fan = await register('future-editor@example.com');
    const admin = testUser(['USER', 'ADMIN'], root.user.id);
    const set = await executeOk<{ setUserRoles: { roles: string[] } }>(users.apollo, SET_ROLES, { variables: { id: fan.user.id, roles: ['EDITOR'] }, user: admin });
    // USER is kept: every account is a fan.
    expect(set.setUserRoles.roles).toEqual(['USER', 'EDITOR']);
    expect(scopeClaim(fan)).toBe('');
    const refreshed = await refresh(fan);
    expect(decodeJwt(refreshed.accessToken).roles).toEqual(['USER', 'EDITOR']);
    expect(scopeClaim(refreshed)).toBe('sources:write catalog:write delivery:write');

    await executeOk(users.apollo, SET_ROLES, { variables: { id: fan.user.id, roles: ['USER'] }, user: admin });
    expect(scopeClaim(await refresh(refreshed))).toBe('');
  });

  it('refuses role changes and the account list to anyone without users:admin, naming the scope', async () => {
    const fan = await register('not-promoted@example.com');
    for (const user of [testUser(['USER', 'EDITOR']), testUser(['USER'])]) {
      const errors = await executeErrors(users.apollo, SET_ROLES, { variables: { id: fan.user.id, roles: ['ADMIN'] }, user });
      expect(errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'users:admin' });
      const list = await executeErrors(users.apollo, USERS, { user });
      expect(list[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'users:admin' });
    }
    expect((await executeErrors(users.apollo, SET_ROLES, { variables: { id: fan.user.id, roles: ['ADMIN'] } }))[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps an admin from taking ADMIN from themselves, and names an unknown account', async () => {
    const root = await signInAsRoot();
    const admin = testUser(['USER', 'ADMIN'], root.user.id);
    const self = await executeErrors(users.apollo, SET_ROLES, { variables: { id: root.user.id, roles: ['EDITOR'] }, user: admin });
    expect(self[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'roles', message: 'must keep ADMIN for your own account' }] });
    const unknown = await executeErrors(users.apollo, SET_ROLES, { variables: { id: '00000000-0000-4000-8000-000000000000', roles: ['EDITOR'] }, user: admin });
    expect(unknown[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await executeErrors(users.apollo, SET_ROLES, { variables: { id: 'nope', roles: ['EDITOR'] }, user: admin });
    expect(malformed[0]?.extensions?.fields).toEqual([{ path: 'userId', message: 'must be a UUID' }]);
  });

  it('lists accounts by email for admins, searching email and display name, page by page', async () => {
    await register('listed-a@example.com', 'Blackened Anna');
    await register('listed-b@example.com', 'Doom Bob');
    await register('listed-c@example.com', 'blackened Carl');
    const admin = testUser(['USER', 'ADMIN']);
    type Page = { users: { edges: { node: { email: string; displayName: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const byName = await executeOk<Page>(users.apollo, USERS, { variables: { search: 'BLACKENED' }, user: admin });
    expect(byName.users.edges.map((edge) => edge.node.email)).toEqual(['listed-a@example.com', 'listed-c@example.com']);
    const first = await executeOk<Page>(users.apollo, USERS, { variables: { search: 'listed-', first: 2 }, user: admin });
    expect(first.users.edges.map((edge) => edge.node.email)).toEqual(['listed-a@example.com', 'listed-b@example.com']);
    expect(first.users.pageInfo.hasNextPage).toBe(true);
    const next = await executeOk<Page>(users.apollo, USERS, { variables: { search: 'listed-', first: 2, after: first.users.pageInfo.endCursor }, user: admin });
    expect(next.users.edges.map((edge) => edge.node.email)).toEqual(['listed-c@example.com']);
    expect(next.users.pageInfo.hasNextPage).toBe(false);
    // The text is matched as written: `%` is no wildcard.
    expect((await executeOk<Page>(users.apollo, USERS, { variables: { search: 'listed-%' }, user: admin })).users.edges).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { MemorySessionRevocations } from '@mrt/platform';
import { usersSubgraph } from '../../index.js';

/**
 * Ended sessions in embedded mode (no Redis): the marks live in the process, and the access token
 * an account held is refused by the next request once the password changed or the account went.
 */
let users: TestSubgraph;
let url: string;
beforeAll(async () => {
  users = await openTestSubgraph(usersSubgraph, { revocations: new MemorySessionRevocations() });
  url = `${await users.subgraph.listen(0, '127.0.0.1')}/graphql`;
});
afterAll(async () => users?.close());

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
type Answer = { data?: { me: { id: string } | null } | null; errors?: { extensions?: { code?: string } }[] };

async function call(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as Answer;
}
const me = (token: string) => call(token, '{ me { id } }');
const issuedAt = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iat: number }).iat;

async function register(email: string): Promise<{ accessToken: string; user: { id: string } }> {
  return (await executeOk<{ register: { accessToken: string; user: { id: string } } }>(users.apollo, REGISTER, { variables: { input: { email, password: 'a long passphrase', displayName: 'Fan' } } })).register;
}

describe('ended sessions', () => {
  it('refuses the token of a deleted account at once', async () => {
    const { accessToken, user } = await register('gone@example.com');
    expect((await me(accessToken)).data?.me?.id).toBe(user.id);
    const deleted = await call(accessToken, `mutation { deleteMyAccount(password: "a long passphrase") }`);
    expect(deleted.errors).toBeUndefined();
    expect((await me(accessToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a password change refuses the tokens issued before it, and a sign-in afterwards works', async () => {
    const { accessToken, user } = await register('changed@example.com');
    // Tokens of the change's own second stay valid (iat has whole seconds): start a second later.
    while (Date.now() < (issuedAt(accessToken) + 1) * 1_000) await new Promise((resolve) => setTimeout(resolve, 50));
    const changed = await call(accessToken, `mutation { changePassword(input: { currentPassword: "a long passphrase", newPassword: "another passphrase" }) }`);
    expect(changed.errors).toBeUndefined();
    expect((await me(accessToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const fresh = (await executeOk<{ login: { accessToken: string } }>(users.apollo, LOGIN, { variables: { input: { email: 'changed@example.com', password: 'another passphrase' } } })).login.accessToken;
    expect((await me(fresh)).data?.me?.id).toBe(user.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { usersSubgraph } from '../../index.js';

let users: TestSubgraph;
beforeAll(async () => {
  users = await openTestSubgraph(usersSubgraph, {
    env: { LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3', LOGIN_WINDOW_SECONDS: '2', ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'root-password-123' },
  });
});
afterAll(async () => users?.close());

const SESSION = 'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id displayName email country currency roles }';
interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: { id: string; displayName: string; email: string | null; country: string | null; currency: string; roles: string[] };
}
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { ${SESSION} } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { ${SESSION} } }`;

async function register(email: string, extra: Record<string, unknown> = {}): Promise<Session> {
  const data = await executeOk<{ register: Session }>(users.apollo, REGISTER, {
    variables: { input: { email, password: 'a long passphrase', displayName: 'Fan', ...extra } },
  });
  return data.register;
}

describe('register and login', () => {
  it('registers with normalised profile fields and signs in', async () => {
    const session = await register('Mgla.Fan@Example.com', { country: 'pl', currency: 'pln' });
    expect(session.user).toMatchObject({ email: 'mgla.fan@example.com', country: 'PL', currency: 'PLN', roles: ['USER'] });
    expect(session.accessToken.split('.')).toHaveLength(3);
    expect(new Date(session.accessTokenExpiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const login = await executeOk<{ login: Session }>(users.apollo, LOGIN, {
      variables: { input: { email: 'MGLA.FAN@example.com', password: 'a long passphrase' } },
    });
    expect(login.login.user.id).toBe(session.user.id);
  });

  it('checks the password policy and every field at once', async () => {
    const errors = await executeErrors(users.apollo, REGISTER, {
      variables: { input: { email: 'not-an-email', password: 'short', displayName: ' ', country: 'XX', currency: 'EURO' } },
    });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (errors[0]?.extensions?.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['country', 'currency', 'displayName', 'email', 'password']);
    const sameAsEmail = await executeErrors(users.apollo, REGISTER, {
      variables: { input: { email: 'same@example.com', password: 'SAME@example.com', displayName: 'x' } },
    });
    expect(sameAsEmail[0]?.extensions?.fields).toEqual([{ path: 'password', message: 'must not be your email address' }]);
  });

  it('refuses a second account with the same email in any case', async () => {
    await register('twice@example.com');
    const errors = await executeErrors(users.apollo, REGISTER, {
      variables: { input: { email: 'TWICE@example.com', password: 'a long passphrase', displayName: 'Again' } },
    });
    expect(errors[0]?.extensions?.fields).toEqual([{ path: 'email', message: 'is already registered' }]);
  });

  it('answers an unknown email and a wrong password the same way', async () => {
    await register('known@example.com');
    const unknown = await executeErrors(users.apollo, LOGIN, { variables: { input: { email: 'nobody@example.com', password: 'a long passphrase' } } });
    const wrong = await executeErrors(users.apollo, LOGIN, { variables: { input: { email: 'known@example.com', password: 'wrong password!' } } });
    expect(unknown[0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
    expect(wrong[0]).toMatchObject({ message: unknown[0]!.message, extensions: unknown[0]!.extensions });
  });

  it('rate-limits sign-in attempts per account, says when to retry, and recovers', async () => {
    await register('target@example.com');
    const attempt = () => executeErrors(users.apollo, LOGIN, { variables: { input: { email: 'target@example.com', password: 'guess guess guess' } } });
    for (let i = 0; i < 3; i++) expect((await attempt())[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const limited = (await attempt())[0]!;
    expect(limited.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.message).toMatch(/retry in \d+ s/);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const login = await executeOk<{ login: Session }>(users.apollo, LOGIN, { variables: { input: { email: 'target@example.com', password: 'a long passphrase' } } });
    expect(login.login.user.email).toBe('target@example.com');
  });
});

describe('refresh tokens', () => {
  it('rotates on every use and revokes the whole family when a spent token comes back', async () => {
    const first = await register('rotate@example.com');
    const second = (await executeOk<{ refreshToken: Session }>(users.apollo, REFRESH, { variables: { t: first.refreshToken } })).refreshToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (await executeOk<{ refreshToken: Session }>(users.apollo, REFRESH, { variables: { t: second.refreshToken } })).refreshToken;

    // The first token again: theft. Its family, including the newest token, dies.
    const reuse = await executeErrors(users.apollo, REFRESH, { variables: { t: first.refreshToken } });
    expect(reuse[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REUSED' });
    const afterReuse = await executeErrors(users.apollo, REFRESH, { variables: { t: third.refreshToken } });
    expect(afterReuse[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REVOKED' });
  });

  it('logout revokes the session; other sessions keep working', async () => {
    const session = await register('logout@example.com');
    const other = (await executeOk<{ login: Session }>(users.apollo, LOGIN, { variables: { input: { email: 'logout@example.com', password: 'a long passphrase' } } })).login;
    expect(await executeOk(users.apollo, `mutation($t: String!) { logout(refreshToken: $t) }`, { variables: { t: session.refreshToken } })).toEqual({ logout: true });
    expect((await executeErrors(users.apollo, REFRESH, { variables: { t: session.refreshToken } }))[0]?.extensions?.reason).toBe('REVOKED');
    await executeOk(users.apollo, REFRESH, { variables: { t: other.refreshToken } });
    const unknown = await executeErrors(users.apollo, REFRESH, { variables: { t: 'made-up' } });
    expect(unknown[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN' });
  });
});

describe('profile and password', () => {
  it('changes only the signed-in user, and a password change ends every session', async () => {
    const session = await register('profile@example.com');
    const user = { id: session.user.id, roles: ['USER' as const], scopes: [] };
    const updated = await executeOk<{ updateProfile: { displayName: string; country: string | null } }>(
      users.apollo,
      `mutation { updateProfile(input: { displayName: "Kyiv Fan", country: "UA" }) { displayName country } }`,
      { user },
    );
    expect(updated.updateProfile).toEqual({ displayName: 'Kyiv Fan', country: 'UA' });
    const anonymous = await executeErrors(users.apollo, `mutation { updateProfile(input: { displayName: "x" }) { id } }`);
    expect(anonymous[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const wrong = await executeErrors(users.apollo, `mutation { changePassword(input: { currentPassword: "nope nope nope", newPassword: "another passphrase" }) }`, { user });
    expect(wrong[0]?.extensions?.fields).toEqual([{ path: 'currentPassword', message: 'is wrong' }]);
    await executeOk(users.apollo, `mutation { changePassword(input: { currentPassword: "a long passphrase", newPassword: "another passphrase" }) }`, { user });
    expect((await executeErrors(users.apollo, REFRESH, { variables: { t: session.refreshToken } }))[0]?.extensions?.reason).toBe('REVOKED');
    await executeOk(users.apollo, LOGIN, { variables: { input: { email: 'profile@example.com', password: 'another passphrase' } } });
  });

  it('shows an email only to its owner and admins', async () => {
    const session = await register('private@example.com');
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email displayName } } }`;
    const variables = { r: [{ __typename: 'User', id: session.user.id }] };
    const stranger = await executeOk<{ _entities: { email: string | null }[] }>(users.apollo, query, { variables, user: { id: 'someone-else', roles: ['USER'], scopes: [] } });
    expect(stranger._entities[0]!.email).toBeNull();
    const admin = await executeOk<{ _entities: { email: string | null }[] }>(users.apollo, query, { variables, user: testUser(['ADMIN'], 'admin') });
    expect(admin._entities[0]!.email).toBe('private@example.com');
  });

  it('shows an account’s roles only to itself and admins, also through _entities', async () => {
    const session = await register('roles@example.com');
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { displayName roles } } }`;
    const variables = { r: [{ __typename: 'User', id: session.user.id }] };
    for (const user of [undefined, { id: 'someone-else', roles: ['USER' as const], scopes: [] }]) {
      const errors = await executeErrors(users.apollo, query, { variables, user });
      expect(errors[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const own = await executeOk<{ _entities: { roles: string[] }[] }>(users.apollo, query, { variables, user: { id: session.user.id, roles: ['USER'], scopes: [] } });
    expect(own._entities[0]!.roles).toEqual(['USER']);
    const admin = await executeOk<{ _entities: { roles: string[] }[] }>(users.apollo, query, { variables, user: testUser(['ADMIN'], 'admin') });
    expect(admin._entities[0]!.roles).toEqual(['USER']);
    // The display name stays public.
    const anonymous = await executeOk<{ _entities: { displayName: string }[] }>(users.apollo, `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { displayName } } }`, { variables });
    expect(anonymous._entities[0]!.displayName).toBe('Fan');
  });
});

describe('display names', () => {
  const names: [string, string, RegExp][] = [
    ['zero-width-only text', '\u200b\u200c\u2060', /at least one visible character/],
    ['a right-to-left override', 'gpj.\u202Eexe', /bidirectional control/],
    ['a bidi isolate', 'Fan\u2067x', /bidirectional control/],
    ['a lone surrogate', 'Fan\ud800', /lone surrogates/],
    ['a control character', 'Fan\u0007', /control characters/],
    ['only a Hangul filler', '\u3164', /at least one visible character/],
  ];
  // A lone surrogate is refused by the request guard every service runs (path input.displayName),
  // everything else by the display-name rules (path displayName).
  const field = { path: expect.stringMatching(/^(input\.)?displayName$/) };
  it.each(names)('refuses %s at registration and in a profile change, naming the field', async (_case, displayName, message) => {
    const errors = await executeErrors(users.apollo, REGISTER, { variables: { input: { email: 'bidi@example.com', password: 'a long passphrase', displayName } } });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.extensions?.fields).toEqual([{ ...field, message: expect.stringMatching(message) }]);
    const update = await executeErrors(users.apollo, `mutation($n: String) { updateProfile(input: { displayName: $n }) { id } }`, {
      variables: { n: displayName },
      user: { id: '00000000-0000-0000-0000-000000000000', roles: ['USER'], scopes: [] },
    });
    expect(update[0]?.extensions?.fields).toEqual([{ ...field, message: expect.stringMatching(message) }]);
  });

  it('stores names NFC-normalised, and keeps emoji sequences and marks that belong to letters', async () => {
    const decomposed = 'Mgl\u0061\u0301 \u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const session = await register('nfc@example.com', { displayName: decomposed });
    expect(session.user.displayName).toBe(decomposed.normalize('NFC'));
    expect(session.user.displayName).toContain('\u00E1');
  });
});

describe('admin account', () => {
  it('is created from ADMIN_EMAIL / ADMIN_PASSWORD and may rotate keys; users may not', async () => {
    const admin = (await executeOk<{ login: Session }>(users.apollo, LOGIN, { variables: { input: { email: 'root@example.com', password: 'root-password-123' } } })).login;
    expect(admin.user.roles).toEqual(['USER', 'ADMIN']);
    const fan = await register('fan-not-admin@example.com');
    const forbidden = await executeErrors(users.apollo, `mutation { rotateSigningKey { kid } }`, { user: { id: fan.user.id, roles: ['USER'], scopes: [] } });
    expect(forbidden[0]?.extensions?.code).toBe('FORBIDDEN');
    const rotation = await executeOk<{ rotateSigningKey: { kid: string; activatesAt: string } }>(users.apollo, `mutation { rotateSigningKey { kid activatesAt } }`, {
      user: testUser(['USER', 'ADMIN'], admin.user.id),
    });
    expect(rotation.rotateSigningKey.kid).toMatch(/^[0-9a-f-]{36}$/);
  });
});

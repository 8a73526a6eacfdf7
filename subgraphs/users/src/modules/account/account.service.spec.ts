import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { usersSubgraph } from '../../index.js';
import { createSubgraph } from '../../server.js';

/** The links' clock: moved by the spec to expire a link, never waited for. */
let now = new Date('2026-03-01T12:00:00Z');
const clock = () => now;
const later = (ms: number) => (now = new Date(now.getTime() + ms));

let users: TestSubgraph;
beforeAll(async () => {
  users = await openTestSubgraph(
    { ...usersSubgraph, createSubgraph: (deps) => createSubgraph(deps, { clock }) },
    { env: { WEB_PUBLIC_URL: 'https://tracker.example', PASSWORD_RESET_RESPONSE_FLOOR_MS: '50', ACCOUNT_EMAIL_MAX_PER_ADDRESS: '4' } },
  );
});
afterAll(async () => users?.close());

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; emailVerified: boolean };
}
const SESSION = 'accessToken refreshToken user { id email emailVerified }';
const PASSWORD = 'a long passphrase';

async function register(email: string): Promise<Session> {
  const variables = { input: { email, password: PASSWORD, displayName: 'Fan' } };
  return (await executeOk<{ register: Session }>(users.apollo, `mutation($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`, { variables })).register;
}
const login = (email: string, password: string) =>
  executeErrors(users.apollo, `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, { variables: { input: { email, password } } }).catch(() => []);
async function loginOk(email: string, password: string): Promise<Session> {
  const variables = { input: { email, password } };
  return (await executeOk<{ login: Session }>(users.apollo, `mutation($input: LoginInput!) { login(input: $input) { ${SESSION} } }`, { variables })).login;
}

/** The links users asked notifications to mail, newest last, read from the outbox. */
async function mailedLinks(type: string, userId: string): Promise<{ link: string; token: string; email: string; expiresAt: string }[]> {
  const rows: { payload: { data: { userId: string; link: string; email: string; expiresAt: string } } }[] = await users.db.dataSource.query(
    `SELECT payload FROM event_outbox WHERE type = $1 ORDER BY id`,
    [type],
  );
  return rows
    .map((row) => row.payload.data)
    .filter((data) => data.userId === userId)
    .map((data) => ({ ...data, token: new URL(data.link).searchParams.get('token')! }));
}
const lastLink = async (type: string, userId: string) => (await mailedLinks(type, userId)).at(-1)!;

const REQUEST_RESET = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }`;
const VERIFY = `mutation($token: String!) { verifyEmail(token: $token) }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`;

describe('email verification', () => {
  it('mails a link at sign-up that verifies the address once', async () => {
    const fan = await register('verify-me@example.com');
    expect(fan.user.emailVerified).toBe(false);
    const mail = await lastLink('user.email.verification.requested', fan.user.id);
    expect(mail.email).toBe('verify-me@example.com');
    expect(mail.link).toMatch(/^https:\/\/tracker\.example\/verify-email\?token=[\w-]{43}$/);
    expect(new Date(mail.expiresAt).getTime() - now.getTime()).toBe(24 * 3_600_000);
    // Only its hash is stored.
    const stored = await users.db.dataSource.query(`SELECT token_hash FROM account_token WHERE user_id = $1`, [fan.user.id]);
    expect(stored.map((row: { token_hash: string }) => row.token_hash)).not.toContain(mail.token);

    expect(await executeOk(users.apollo, VERIFY, { variables: { token: mail.token } })).toEqual({ verifyEmail: true });
    expect((await loginOk('verify-me@example.com', PASSWORD)).user.emailVerified).toBe(true);
    const again = await executeErrors(users.apollo, VERIFY, { variables: { token: mail.token } });
    expect(again[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'token', message: 'is invalid or has expired' }] });
  });

  it('resends on request, the new link replacing the old one, and not once verified', async () => {
    const fan = await register('resend@example.com');
    const first = await lastLink('user.email.verification.requested', fan.user.id);
    const user = testUser(['USER'], fan.user.id);
    expect(await executeOk(users.apollo, `mutation { requestEmailVerification }`, { user })).toEqual({ requestEmailVerification: true });
    const second = await lastLink('user.email.verification.requested', fan.user.id);
    expect(second.token).not.toBe(first.token);
    expect((await executeErrors(users.apollo, VERIFY, { variables: { token: first.token } }))[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await executeOk(users.apollo, VERIFY, { variables: { token: second.token } });
    await executeOk(users.apollo, `mutation { requestEmailVerification }`, { user });
    expect(await mailedLinks('user.email.verification.requested', fan.user.id)).toHaveLength(2);
  });
});

describe('password reset', () => {
  it('answers an unknown address exactly as a known one, and mails only the known one', async () => {
    const fan = await register('forgetful@example.com');
    const known = await executeOk(users.apollo, REQUEST_RESET, { variables: { email: 'Forgetful@example.com' } });
    const unknown = await executeOk(users.apollo, REQUEST_RESET, { variables: { email: 'nobody-here@example.com' } });
    expect(unknown).toEqual(known);
    expect(known).toEqual({ requestPasswordReset: true });
    const mail = await lastLink('user.password.reset.requested', fan.user.id);
    expect(mail.link).toMatch(/^https:\/\/tracker\.example\/reset-password\?token=/);
    expect(new Date(mail.expiresAt).getTime() - now.getTime()).toBe(30 * 60_000);
    const all: unknown[] = await users.db.dataSource.query(`SELECT 1 FROM event_outbox WHERE type = 'user.password.reset.requested' AND payload::text LIKE '%nobody-here%'`);
    expect(all).toHaveLength(0);
  });

  it('sets the new password once, ends every session and leaves the old password useless', async () => {
    const fan = await register('reset-me@example.com');
    const other = await loginOk('reset-me@example.com', PASSWORD);
    await executeOk(users.apollo, REQUEST_RESET, { variables: { email: 'reset-me@example.com' } });
    const { token } = await lastLink('user.password.reset.requested', fan.user.id);

    expect(await executeOk(users.apollo, RESET, { variables: { token, password: 'a brand new passphrase' } })).toEqual({ resetPassword: true });
    for (const session of [fan, other]) {
      const refused = await executeErrors(users.apollo, REFRESH, { variables: { t: session.refreshToken } });
      expect(refused[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REVOKED' });
    }
    expect((await login('reset-me@example.com', PASSWORD))[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const signedIn = await loginOk('reset-me@example.com', 'a brand new passphrase');
    // Following the link proved the address.
    expect(signedIn.user.emailVerified).toBe(true);

    const reuse = await executeErrors(users.apollo, RESET, { variables: { token, password: 'yet another passphrase' } });
    expect(reuse[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'token', message: 'is invalid or has expired' }] });
    await loginOk('reset-me@example.com', 'a brand new passphrase');
  });

  it('refuses an expired link, and keeps a link unspent when the new password is refused', async () => {
    const fan = await register('slow-reader@example.com');
    await executeOk(users.apollo, REQUEST_RESET, { variables: { email: 'slow-reader@example.com' } });
    const { token } = await lastLink('user.password.reset.requested', fan.user.id);
    const tooShort = await executeErrors(users.apollo, RESET, { variables: { token, password: 'short' } });
    expect(tooShort[0]?.extensions?.fields).toEqual([{ path: 'newPassword', message: 'must be at least 10 characters' }]);
    const sameAsEmail = await executeErrors(users.apollo, RESET, { variables: { token, password: 'SLOW-READER@example.com' } });
    expect(sameAsEmail[0]?.extensions?.fields).toEqual([{ path: 'newPassword', message: 'must not be your email address' }]);

    later(30 * 60_000 + 1);
    const expired = await executeErrors(users.apollo, RESET, { variables: { token, password: 'a brand new passphrase' } });
    expect(expired[0]?.extensions?.fields).toEqual([{ path: 'token', message: 'is invalid or has expired' }]);
    await loginOk('slow-reader@example.com', PASSWORD);
  });

  it('does not take a verification token for a reset', async () => {
    const fan = await register('mixed-up@example.com');
    const { token } = await lastLink('user.email.verification.requested', fan.user.id);
    const refused = await executeErrors(users.apollo, RESET, { variables: { token, password: 'a brand new passphrase' } });
    expect(refused[0]?.extensions?.fields).toEqual([{ path: 'token', message: 'is invalid or has expired' }]);
  });

  it('limits the emails per address, whether or not it has an account', async () => {
    for (const email of ['flooded@example.com', 'flooded-unknown@example.com']) {
      if (email === 'flooded@example.com') await register(email);
      for (let i = 0; i < 4; i++) await executeOk(users.apollo, REQUEST_RESET, { variables: { email } });
      const limited = await executeErrors(users.apollo, REQUEST_RESET, { variables: { email } });
      expect(limited[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
  });
});

describe('account deletion', () => {
  it('needs the password, then removes the account and tells the other subgraphs', async () => {
    const fan = await register('leaving@example.com');
    const user = testUser(['USER'], fan.user.id);
    const wrong = await executeErrors(users.apollo, `mutation { deleteMyAccount(password: "not my password") }`, { user });
    expect(wrong[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'password', message: 'is wrong' }] });

    expect(await executeOk(users.apollo, `mutation($p: String!) { deleteMyAccount(password: $p) }`, { variables: { p: PASSWORD }, user })).toEqual({ deleteMyAccount: true });
    const deleted: { payload: { data: { userId: string } } }[] = await users.db.dataSource.query(`SELECT payload FROM event_outbox WHERE type = 'user.deleted'`);
    expect(deleted.map((row) => row.payload.data.userId)).toContain(fan.user.id);
    for (const table of ['app_user', 'refresh_token', 'account_token']) {
      const column = table === 'app_user' ? 'id' : 'user_id';
      expect(await users.db.dataSource.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [fan.user.id])).toHaveLength(0);
    }
    expect((await login('leaving@example.com', PASSWORD))[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await executeErrors(users.apollo, REFRESH, { variables: { t: fan.refreshToken } }))[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { SUBGRAPH_NAMES } from '@mrt/platform';
import { sweepPersonalData, testEnv } from '@mrt/platform/testing';
import { waitFor, waitForValue } from '@mrt/graphql-kit/testing';
import {
  WebDeleteMyAccountDocument,
  WebFollowDocument,
  WebMeDocument,
  WebRequestPasswordResetDocument,
  WebResetPasswordDocument,
  WebSignInDocument,
  WebSetCollectionItemDocument,
  WebSignUpDocument,
  WebUpdateNotificationPreferencesDocument,
  WebVerifyEmailDocument,
} from '@mrt/operations';
import { graphql, startTestSupergraph, type TestSupergraph } from './harness.js';
import { SmtpInbox } from '@mrt/notifications/testing/smtp-inbox';

/**
 * The account's life through the gateway, with the emails read from a local SMTP server the
 * notifications subgraph sends to: sign up and confirm the address, forget the password and reset
 * it, then delete the account and find nothing of it in any subgraph's tables.
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
const WEB = 'https://tracker.example';
const inbox = new SmtpInbox();
let supergraph: TestSupergraph;
let db: pg.Client;

beforeAll(async () => {
  const smtpUrl = await inbox.start();
  supergraph = await startTestSupergraph({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    // The demo releases: one goes on the fan's want list.
    seed: true,
    env: { SMTP_URL: smtpUrl, SMTP_FROM: 'Metal Release Tracker <accounts@tracker.example>', WEB_PUBLIC_URL: WEB, PASSWORD_RESET_RESPONSE_FLOOR_MS: '50' },
  });
  db = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await supergraph?.stop();
  await inbox.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** When an access token was issued (its `iat`, whole seconds). */
const issuedAt = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iat: number }).iat;
const tokenIn = (text: string | undefined, page: string) => new RegExp(`${WEB}/${page}\\?token=([\\w-]+)`).exec(text ?? '')?.[1];
const query = async (sql: string, parameters: unknown[]) => (await db.query(sql, parameters)).rows;
async function ok<T>(result: Promise<{ data?: T; errors?: unknown[] }>): Promise<T> {
  const { data, errors } = await result;
  expect(errors).toBeUndefined();
  return data!;
}

describe('an account from sign-up to deletion', () => {
  const email = 'lifecycle@example.com';
  let userId = '';
  let accessToken = '';
  let password = 'a long passphrase';

  it('signs up and confirms the address with the emailed link', async () => {
    const { register } = await ok(graphql(supergraph.gatewayUrl, WebSignUpDocument, { input: { email, password, displayName: 'Cycle' } }));
    accessToken = register.accessToken;
    const before = await ok(graphql(supergraph.gatewayUrl, WebMeDocument, {}, bearer(accessToken)));
    userId = before.me!.id;
    expect(before.me!.emailVerified).toBe(false);

    const mail = await inbox.mailTo(email, /Confirm your email address/);
    const token = tokenIn(mail.text, 'verify-email');
    expect(token).toBeDefined();
    await ok(graphql(supergraph.gatewayUrl, WebVerifyEmailDocument, { token: token! }));
    expect((await ok(graphql(supergraph.gatewayUrl, WebMeDocument, {}, bearer(accessToken)))).me!.emailVerified).toBe(true);
  });

  it('resets a forgotten password with the emailed link, which ends the access tokens at once, and signs in with the new one', async () => {
    // A reset ends the tokens issued before its second (iat has whole seconds): let the sign-up's second pass.
    const before = accessToken;
    await waitFor(async () => Date.now() >= (issuedAt(before) + 1) * 1_000, { message: 'a second after the sign-up' });
    await ok(graphql(supergraph.gatewayUrl, WebRequestPasswordResetDocument, { email }));
    const mail = await inbox.mailTo(email, /Reset your password/);
    const token = tokenIn(mail.text, 'reset-password');
    expect(token).toBeDefined();
    await ok(graphql(supergraph.gatewayUrl, WebResetPasswordDocument, { token: token!, newPassword: 'the new passphrase' }));
    // Refused at once, although it would live another quarter of an hour.
    const stale = await graphql(supergraph.gatewayUrl, WebMeDocument, {}, bearer(before));
    expect(stale.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const old = await graphql(supergraph.gatewayUrl, WebSignInDocument, { input: { email, password } });
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    password = 'the new passphrase';
    const { login } = await ok(graphql(supergraph.gatewayUrl, WebSignInDocument, { input: { email, password } }));
    accessToken = login.accessToken;
    expect((await ok(graphql(supergraph.gatewayUrl, WebMeDocument, {}, bearer(accessToken)))).me!.id).toBe(userId);
    // The link worked once.
    const again = await graphql(supergraph.gatewayUrl, WebResetPasswordDocument, { token: token!, newPassword: 'a third passphrase' });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('deletes the account and leaves no row of it in any subgraph', async () => {
    await ok(graphql(supergraph.gatewayUrl, WebFollowDocument, { input: { targetType: 'BAND', targetId: '0193a1b2-7c3d-7e4f-8a5b-00000000b0b0' } }, bearer(accessToken)));
    await ok(
      graphql(
        supergraph.gatewayUrl,
        WebUpdateNotificationPreferencesDocument,
        { input: { timeZone: 'Europe/Berlin', language: 'de', digestHour: 7, digestWeekday: 'FRIDAY' } },
        bearer(accessToken),
      ),
    );
    await ok(graphql(supergraph.gatewayUrl, `mutation { createFeedUrl(kind: ATOM) }`, {}, bearer(accessToken)));
    const release = await waitForValue(
      async () => (await query(`SELECT id FROM "${supergraph.dbSchema('releases')}".release ORDER BY id LIMIT 1`, []))[0] as { id: string } | undefined,
      (row) => row !== undefined,
    );
    await ok(graphql(supergraph.gatewayUrl, WebSetCollectionItemDocument, { input: { releaseId: release!.id, status: 'WANT' } }, bearer(accessToken)));
    const schemas = SUBGRAPH_NAMES.map((name) => supergraph.dbSchema(name));
    const sweep = async () => Promise.all(schemas.map((schema) => sweepPersonalData(query, schema, userId)));
    const before = await sweep();
    const tables = before.flatMap((each) => each.remaining.map((entry) => entry.column.split('.')[1]!.replaceAll('"', '')));
    expect(tables).toEqual(expect.arrayContaining(['refresh_token', 'account_token', 'follow', 'notification_preference', 'feed_token', 'collection_item']));

    await ok(graphql(supergraph.gatewayUrl, WebDeleteMyAccountDocument, { password }, bearer(accessToken)));
    // The token that deleted the account is refused from the next request on, by the gateway and by a subgraph asked directly.
    const afterwards = await graphql(supergraph.gatewayUrl, WebMeDocument, {}, bearer(accessToken));
    expect(afterwards.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const direct = await graphql(`${supergraph.subgraphs.notifications}/graphql`, `{ myNotifications(first: 1) { edges { cursor } } }`, {}, { ...bearer(accessToken), 'x-gateway-secret': supergraph.gatewaySecret });
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Every subgraph consumes user.deleted on its own time: wait until none holds anything.
    await waitFor(async () => (await sweep()).every((each) => each.remaining.length === 0), { message: 'no rows of the deleted account left' });
    const after = await sweep();
    expect(after.map((each) => each.checked)).toEqual(before.map((each) => each.checked));
    expect(after.flatMap((each) => each.remaining)).toEqual([]);
    expect(await query(`SELECT 1 FROM "${supergraph.dbSchema('users')}".app_user WHERE id = $1`, [userId])).toHaveLength(0);
    const signIn = await graphql(supergraph.gatewayUrl, WebSignInDocument, { input: { email, password } });
    expect(signIn.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import pg from 'pg';
import { testEnv } from '@mrt/platform/testing';
import { LoginDocument, MeDocument, MyNotificationsDocument, RegisterDocument, UnreadNotificationCountDocument } from '@mrt/operations';
import { graphql, startTestSupergraph, type TestSupergraph } from './harness.js';

/**
 * Authentication through the whole supergraph: the gateway verifies every bearer token, and
 * so does every subgraph when called directly, with the keys the users service publishes.
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
let supergraph: TestSupergraph;
let db: pg.Client;
const ADMIN = { email: 'admin@example.com', password: 'admin-password-123' };

beforeAll(async () => {
  supergraph = await startTestSupergraph({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SIGNING_KEY_PROPAGATION_SECONDS: '0', JWKS_COOLDOWN_MS: '0' },
  });
  db = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await supergraph?.stop();
});

async function register(email: string) {
  const result = await graphql(supergraph.gatewayUrl, RegisterDocument, {
    input: { email, password: 'a long passphrase', displayName: email.split('@')[0]! },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.register;
}
// With the gateway's secret: several specs below call a subgraph directly, as the gateway does
// (the gateway itself ignores the header).
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'x-gateway-secret': supergraph.gatewaySecret });
const notificationsUrl = () => `${supergraph.subgraphs.notifications}/graphql`;

describe('accounts through the gateway', () => {
  it('register -> login -> me', async () => {
    const registered = await register('first@example.com');
    const login = await graphql(supergraph.gatewayUrl, LoginDocument, { input: { email: 'first@example.com', password: 'a long passphrase' } });
    expect(login.data!.login.user.id).toBe(registered.user.id);
    const me = await graphql(supergraph.gatewayUrl, MeDocument, {}, bearer(login.data!.login.accessToken));
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toMatchObject({ id: registered.user.id, displayName: 'first', roles: ['USER'] });
  });

  it('lets the admin from ADMIN_EMAIL use admin fields and refuses them to fans', async () => {
    const admin = await graphql(supergraph.gatewayUrl, LoginDocument, { input: ADMIN });
    expect(admin.data!.login.user.roles).toEqual(['USER', 'ADMIN']);
    const sources = await graphql(supergraph.gatewayUrl, `{ sources { edges { node { id } } } }`, {}, bearer(admin.data!.login.accessToken));
    expect(sources.errors).toBeUndefined();
    const fan = await register('not-admin@example.com');
    const refused = await graphql(supergraph.gatewayUrl, `{ sources { edges { node { id } } } }`, {}, bearer(fan.accessToken));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows each user only their own notifications, over the gateway and at the subgraph', async () => {
    const alice = await register('alice@example.com');
    const bob = await register('bob@example.com');
    await db.query(
      `INSERT INTO "${supergraph.dbSchema('notifications')}".notification (user_id, kind, title, message) VALUES ($1, 'PRICE_DROP', 'Cheaper', 'Age of Excuse is cheaper'), ($1, 'BACK_IN_STOCK', 'Back', 'Back in stock')`,
      [alice.user.id],
    );
    for (const url of [supergraph.gatewayUrl, notificationsUrl()]) {
      const mine = await graphql(url, MyNotificationsDocument, { first: 10 }, bearer(alice.accessToken));
      expect(mine.data!.myNotifications.edges.map((e) => e.node.title).sort()).toEqual(['Back', 'Cheaper']);
      const theirs = await graphql(url, MyNotificationsDocument, { first: 10 }, bearer(bob.accessToken));
      expect(theirs.data!.myNotifications.edges).toEqual([]);
      const count = await graphql(url, UnreadNotificationCountDocument, {}, bearer(bob.accessToken));
      expect(count.data!.unreadNotificationCount).toBe(0);
    }
  });

  it('keeps tokens signed before a key rotation valid, and accepts tokens of the new key', async () => {
    const before = await register('rotation@example.com');
    const admin = await graphql(supergraph.gatewayUrl, LoginDocument, { input: ADMIN });
    const rotation = await graphql<{ rotateSigningKey: { kid: string } }>(
      supergraph.gatewayUrl,
      `mutation { rotateSigningKey { kid } }`,
      {},
      bearer(admin.data!.login.accessToken),
    );
    expect(rotation.errors).toBeUndefined();
    const after = await graphql(supergraph.gatewayUrl, LoginDocument, { input: { email: 'rotation@example.com', password: 'a long passphrase' } });
    const newKid = JSON.parse(Buffer.from(after.data!.login.accessToken.split('.')[0]!, 'base64url').toString()).kid;
    expect(newKid).toBe(rotation.data!.rotateSigningKey.kid);
    for (const token of [before.accessToken, after.data!.login.accessToken]) {
      expect((await graphql(supergraph.gatewayUrl, MeDocument, {}, bearer(token))).data!.me!.id).toBe(before.user.id);
      expect((await graphql(notificationsUrl(), UnreadNotificationCountDocument, {}, bearer(token))).errors).toBeUndefined();
    }
  });
});

describe('forged and broken tokens', () => {
  let victim: { id: string; token: string };
  let signingJwk: JWK & { kid: string };

  beforeAll(async () => {
    const registered = await register('victim@example.com');
    victim = { id: registered.user.id, token: registered.accessToken };
    // The test reads the real private key, to forge tokens that differ in one claim only.
    const kid = JSON.parse(Buffer.from(victim.token.split('.')[0]!, 'base64url').toString()).kid as string;
    const { rows } = await db.query(`SELECT private_jwk FROM "${supergraph.dbSchema('users')}".signing_key WHERE kid = $1`, [kid]);
    signingJwk = { ...(JSON.parse(rows[0].private_jwk) as JWK), kid };
  });

  const sign = async (claims: { iss?: string; aud?: string; exp?: number; iat?: number; roles?: string[] }, key?: { jwk: JWK; kid: string }) => {
    const now = Math.floor(Date.now() / 1000);
    const jwk = key?.jwk ?? signingJwk;
    return new SignJWT({ roles: claims.roles ?? ['USER'], scope: 'profile' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key?.kid ?? signingJwk.kid, typ: 'at+jwt' })
      .setSubject(victim.id)
      .setIssuer(claims.iss ?? 'metal-release-tracker')
      .setAudience(claims.aud ?? 'metal-release-tracker-api')
      .setIssuedAt(claims.iat ?? now)
      .setExpirationTime(claims.exp ?? now + 600)
      .sign(await importJWK(jwk, 'EdDSA'));
  };
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  const forgeries: [string, () => Promise<string>][] = [
    ['expired', () => sign({ iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 120 })],
    ['wrong audience', () => sign({ aud: 'another-api' })],
    ['wrong issuer', () => sign({ iss: 'https://evil.example' })],
    [
      'alg "none"',
      async () => `${part({ alg: 'none', typ: 'at+jwt', kid: signingJwk.kid })}.${part({ sub: victim.id, roles: ['ADMIN'], iss: 'metal-release-tracker', aud: 'metal-release-tracker-api', iat: 1, exp: 9999999999 })}.`,
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const header = part({ alg: 'HS256', typ: 'at+jwt', kid: signingJwk.kid });
        const payload = part({ sub: victim.id, roles: ['ADMIN'], iss: 'metal-release-tracker', aud: 'metal-release-tracker-api', iat: 1, exp: 9999999999 });
        const publicJwk = JSON.stringify({ kty: signingJwk.kty, crv: signingJwk.crv, x: signingJwk.x });
        const signature = createHmac('sha256', publicJwk).update(`${header}.${payload}`).digest('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
    [
      'tampered payload',
      async () => {
        const [header, payload, signature] = (await sign({})).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
        return `${header}.${part({ ...claims, roles: ['USER', 'ADMIN'] })}.${signature}`;
      },
    ],
    [
      'unknown kid',
      async () => {
        const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
        const { exportJWK } = await import('jose');
        return sign({}, { jwk: await exportJWK(privateKey), kid: randomUUID() });
      },
    ],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it('accepts the genuine token (the forgeries below differ from it in one thing)', async () => {
    expect((await graphql(supergraph.gatewayUrl, MeDocument, {}, bearer(await sign({})))).data!.me!.id).toBe(victim.id);
  });

  it.each(forgeries)('rejects a token with %s at the gateway and at a subgraph', async (_name, forge) => {
    const token = await forge();
    const targets: [string, string][] = [
      [supergraph.gatewayUrl, '{ me { id } }'],
      [notificationsUrl(), '{ unreadNotificationCount }'],
      [`${supergraph.subgraphs['raw-data']}/graphql`, '{ sources { edges { node { id } } } }'],
    ];
    for (const [url, document] of targets) {
      const result = await graphql(url, document, {}, bearer(token));
      expect(result.status, url).toBe(401);
      expect(result.errors?.[0]?.extensions?.code, url).toBe('UNAUTHENTICATED');
      expect(result.data ?? null).toBeNull();
    }
  });

  it('treats a request without a token as anonymous, not as an error', async () => {
    const me = await graphql(supergraph.gatewayUrl, MeDocument);
    expect(me.status).toBe(200);
    expect(me.data!.me).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRateLimiter, TokenRejectedError, createTokenVerifier, openDatabase, type Database } from '@mrt/platform';
import { dropSchema, testEnv, uniqueName } from '@mrt/platform/testing';
import { usersEntities, usersMigrations } from '../../database.js';
import { SigningKeyService } from './signing-key.service.js';
import { AuthService } from '../auth/auth.service.js';
import { RefreshTokenService } from '../refresh-token/refresh-token.service.js';
import { AccountLinks } from '../account/account-links.js';

const { TEST_DATABASE_URL } = testEnv();
const schema = uniqueName('it_signing');
let db: Database;
beforeAll(async () => {
  db = await openDatabase({ location: { kind: 'postgres', url: TEST_DATABASE_URL, poolSize: 3 }, schema, entities: usersEntities, migrations: usersMigrations });
});
afterAll(async () => {
  await db?.close();
  await dropSchema(TEST_DATABASE_URL, schema);
});

const options = { issuer: 'test-issuer', audience: 'test-api', accessTokenTtlSeconds: 900, login: { maxPerAccount: 5, maxPerIp: 5, windowSeconds: 60 }, register: { maxPerIp: 5, windowSeconds: 60 } };
const links = new AccountLinks({ webUrl: 'http://localhost:4000', verificationTtlMs: 86_400_000, resetTtlMs: 1_800_000, clock: () => new Date() });
function services(secret?: string) {
  const keys = new SigningKeyService(db.dataSource, { rotationDays: 30, accessTokenTtlSeconds: 900, secret, propagationSeconds: 0 });
  const auth = new AuthService(db.dataSource, keys, new RefreshTokenService(db.dataSource, 30), new MemoryRateLimiter(), links, options);
  return { keys, auth };
}
const subject = { id: '5f0c7c3e-7e7a-4f61-9d4e-6d9b0a3c1f10', roles: ['USER' as const] };

describe('signing keys', () => {
  it('publishes a rotated-in key before it signs', async () => {
    const keys = new SigningKeyService(db.dataSource, { rotationDays: 30, accessTokenTtlSeconds: 900, propagationSeconds: 3600 });
    const signing = await keys.activeKey();
    const next = await keys.rotate();
    expect(next.activatesAt.getTime() - Date.now()).toBeGreaterThan(3500_000);
    expect((await keys.jwks()).keys.map((k) => k.kid)).toContain(next.kid);
    expect((await keys.activeKey()).kid).toBe(signing.kid);
    // Clean up: the next tests expect keys that sign at once.
    await db.dataSource.query(`DELETE FROM signing_key`);
  });

  it('persists the key: a restarted service verifies tokens signed before the restart', async () => {
    const before = services();
    const { accessToken } = await before.auth.issueAccessToken(subject);
    const after = services(); // a new process: nothing cached
    await expect(after.auth.authenticate(accessToken)).resolves.toMatchObject({ id: subject.id, roles: ['USER'] });
    expect((await after.keys.jwks()).keys).toHaveLength(1);
  });

  it('rotates: the new key signs, the old one stays published until its tokens expire', async () => {
    const { keys, auth } = services();
    const oldToken = (await auth.issueAccessToken(subject)).accessToken;
    const oldKid = (await keys.activeKey()).kid;
    const newKid = (await keys.rotate()).kid;
    expect(newKid).not.toBe(oldKid);
    const newToken = (await auth.issueAccessToken(subject)).accessToken;
    expect(JSON.parse(Buffer.from(newToken.split('.')[0]!, 'base64url').toString()).kid).toBe(newKid);
    expect((await keys.jwks()).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);

    // A verifier that knows the published keys accepts both tokens...
    const { keys: published } = await keys.jwks();
    const verifier = createTokenVerifier({
      jwks: async (header) => (await import('jose')).importJWK(published.find((k) => k.kid === header.kid)!, 'EdDSA'),
      issuer: options.issuer,
      audience: options.audience,
    });
    await expect(verifier(oldToken)).resolves.toMatchObject({ id: subject.id });
    await expect(verifier(newToken)).resolves.toMatchObject({ id: subject.id });

    // ...until the old key's grace period is over: then it leaves the JWKS and its tokens die.
    await db.dataSource.query(`UPDATE signing_key SET publish_until = now() - interval '1 second' WHERE kid = $1`, [oldKid]);
    const fresh = services();
    expect((await fresh.keys.jwks()).keys.map((k) => k.kid)).toEqual([newKid]);
    // A rejected token; the request context answers it as UNAUTHENTICATED (HTTP 401).
    await expect(fresh.auth.authenticate(oldToken)).rejects.toThrow(new TokenRejectedError('Access token signed with an unknown key'));
    await expect(fresh.auth.authenticate(newToken)).resolves.toMatchObject({ id: subject.id });
  });

  it('encrypts private keys at rest when a secret is set, and refuses a wrong secret', async () => {
    const secret = 'a-very-long-signing-key-secret-0123456789';
    const { keys } = services(secret);
    const { kid } = await keys.rotate();
    const [row] = await db.dataSource.query(`SELECT private_jwk FROM signing_key WHERE kid = $1`, [kid]);
    expect(row.private_jwk).toMatch(/^aes256gcm:v1:/);
    expect(row.private_jwk).not.toContain('"d"');
    await expect(services(secret).keys.activeKey()).resolves.toMatchObject({ kid });
    await expect(services('another-secret-that-is-long-enough-000').keys.activeKey()).rejects.toThrow(/cannot be decrypted/);
    await expect(services().keys.activeKey()).rejects.toThrow(/set SIGNING_KEY_SECRET/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { usersSubgraph } from '../../index.js';

/**
 * Per-address limits over real HTTP, where the client's address comes from: the socket, or
 * X-Forwarded-For when (and only when) the peer is a trusted proxy.
 */
const LIMITS = { LOGIN_MAX_ATTEMPTS_PER_IP: '3', LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '100', REGISTER_MAX_PER_IP: '2', REGISTER_WINDOW_SECONDS: '3600' };
const opened: TestSubgraph[] = [];

async function usersOverHttp(env: Record<string, string>): Promise<string> {
  const users = await openTestSubgraph(usersSubgraph, { env: { ...LIMITS, ...env } });
  opened.push(users);
  return `${await users.subgraph.listen(0, '127.0.0.1')}/graphql`;
}

let behindGateway: string;
let exposed: string;
beforeAll(async () => {
  // Loopback is the default proxy: the gateway beside the service.
  behindGateway = await usersOverHttp({});
  // A service whose only trusted proxy is elsewhere: this spec's loopback client is "anyone".
  exposed = await usersOverHttp({ TRUSTED_PROXIES: '10.9.9.9,fd00::/8' });
});
afterAll(async () => {
  for (const users of opened) await users.close();
});

async function post(url: string, query: string, variables: Record<string, unknown>, forwardedFor?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code, body };
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }';
const login = (url: string, forwardedFor?: string) =>
  post(url, LOGIN, { input: { email: 'nobody@example.com', password: 'wrong password!' } }, forwardedFor);
const register = (url: string, email: string, forwardedFor?: string) =>
  post(url, REGISTER, { input: { email, password: 'a long passphrase', displayName: 'Fan' } }, forwardedFor);

describe('the client address behind X-Forwarded-For', () => {
  it('is ignored from an untrusted peer: rotating it does not reset the sign-in limit', async () => {
    for (let i = 1; i <= 3; i++) expect((await login(exposed, `198.51.100.${i}`)).code).toBe('UNAUTHENTICATED');
    const limited = await login(exposed, '198.51.100.99');
    expect(limited.code).toBe('RATE_LIMITED');
  });

  it('is believed from the trusted proxy, so each client behind it has its own budget', async () => {
    for (let i = 1; i <= 3; i++) expect((await login(behindGateway, '203.0.113.1')).code).toBe('UNAUTHENTICATED');
    expect((await login(behindGateway, '203.0.113.1')).code).toBe('RATE_LIMITED');
    // Another client of the same proxy: a spoofed hop on the left of its chain changes nothing.
    expect((await login(behindGateway, '203.0.113.1, 203.0.113.2')).code).toBe('UNAUTHENTICATED');
    expect((await login(behindGateway, '203.0.113.1, 203.0.113.2')).code).toBe('UNAUTHENTICATED');
    expect((await login(behindGateway, '203.0.113.1, 203.0.113.2')).code).toBe('UNAUTHENTICATED');
    expect((await login(behindGateway, '203.0.113.1, 203.0.113.2')).code).toBe('RATE_LIMITED');
  });
});

describe('rate limits answer HTTP 429 with Retry-After', () => {
  it('sign-in attempts over the limit', async () => {
    for (let i = 0; i < 3; i++) await login(behindGateway, '203.0.113.50');
    const limited = await login(behindGateway, '203.0.113.50');
    expect(limited).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(limited.body.errors?.[0]?.extensions?.retryAfter).toBe(Number(limited.retryAfter));
  });

  it('registrations per address: a third account from one address waits, another address may register', async () => {
    expect((await register(behindGateway, 'one@example.com', '192.0.2.7')).status).toBe(200);
    expect((await register(behindGateway, 'two@example.com', '192.0.2.7')).status).toBe(200);
    const third = await register(behindGateway, 'three@example.com', '192.0.2.7');
    expect(third).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(third.retryAfter)).toBeGreaterThan(60);
    const elsewhere = await register(behindGateway, 'three@example.com', '192.0.2.8');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.errors).toBeUndefined();
  });
});

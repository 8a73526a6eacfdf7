import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvError, MemoryRateLimiter, sendJson } from '@mrt/platform';
import { GATEWAY_SECRET_HEADER, gatewaySecretFromEnv, guardSubgraphRoute, type SubgraphGuardOptions } from './gateway-secret.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function serve(options: Omit<SubgraphGuardOptions, 'limiter'>): Promise<{ url: string; answered: () => number }> {
  let answered = 0;
  const route = guardSubgraphRoute(
    {
      path: '/graphql',
      handle: async (_request, response) => {
        answered += 1;
        sendJson(response, 200, { data: { ok: true } });
      },
    },
    { ...options, limiter: new MemoryRateLimiter() },
  );
  const server = createServer((request, response) => void route.handle(request, response, new URL(request.url ?? '/', 'http://localhost')));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, answered: () => answered };
}

const post = (url: string, headers: Record<string, string | undefined> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(headers as Record<string, string>) }, body: '{"query":"{ ok }"}' });

describe('guardSubgraphRoute', () => {
  it('answers the gateway only: no secret or a wrong one is FORBIDDEN before anything runs', async () => {
    const { url, answered } = await serve({ secret: SECRET, rule: { limit: 100, windowMs: 60_000 } });
    for (const headers of [{}, { [GATEWAY_SECRET_HEADER]: 'wrong' }, { [GATEWAY_SECRET_HEADER]: `${SECRET}x` }]) {
      const response = await post(url, headers);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
    }
    expect(answered()).toBe(0);
    expect((await post(url, { [GATEWAY_SECRET_HEADER]: SECRET })).status).toBe(200);
    expect(answered()).toBe(1);
  });

  it('rate-limits direct callers per address, but never the gateway', async () => {
    const { url } = await serve({ secret: SECRET, rule: { limit: 3, windowMs: 60_000 } });
    const statuses = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await post(url, { 'x-forwarded-for': `10.0.0.${index}` })).status);
    // A forwarded address picks no fresh bucket: the socket's address is counted.
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
    for (let index = 0; index < 5; index += 1) expect((await post(url, { [GATEWAY_SECRET_HEADER]: SECRET })).status).toBe(200);
  });

  it('answers anyone, rate-limited, where no secret is configured', async () => {
    const { url } = await serve({ rule: { limit: 2, windowMs: 60_000 } });
    expect([(await post(url)).status, (await post(url)).status, (await post(url)).status]).toEqual([200, 200, 429]);
  });
});

describe('gatewaySecretFromEnv', () => {
  it('requires the secret outside development unless turned off explicitly', () => {
    expect(() => gatewaySecretFromEnv({ NODE_ENV: 'production' })).toThrow(EnvError);
    expect(() => gatewaySecretFromEnv({ NODE_ENV: 'test' })).toThrow(/GATEWAY_SHARED_SECRET/);
    expect(gatewaySecretFromEnv({ NODE_ENV: 'development' })).toBeUndefined();
    expect(gatewaySecretFromEnv({ NODE_ENV: 'production', GATEWAY_SECRET_REQUIRED: false })).toBeUndefined();
    expect(gatewaySecretFromEnv({ NODE_ENV: 'production', GATEWAY_SHARED_SECRET: SECRET })).toBe(SECRET);
  });
});

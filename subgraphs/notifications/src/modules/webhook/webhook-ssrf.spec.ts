import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '@mrt/graphql-kit';
import { executeErrors, executeOk, openTestSubgraph, waitFor, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import type { HostResolver } from '@mrt/platform';
import { notificationsSubgraph } from '../../index.js';

// The probe's SSRF matrix: a fan registers webhooks that point back into the server's network.
// The receiver is a real local server; no form of its address may ever get a request.
const requests: string[] = [];
let server: Server;
let port: number;
let sut: TestSubgraph;
let rebindLookups = 0;

/** No DNS: names answer what the spec says; "rebind.test" is public when checked, loopback after. */
const resolver: HostResolver = (host) => {
  if (host === 'loopback.test') return Promise.resolve(['127.0.0.1']);
  if (host === 'mixed.test') return Promise.resolve(['93.184.216.34', '::ffff:127.0.0.1']);
  if (host === 'rebind.test') return Promise.resolve(rebindLookups++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
  return Promise.reject(Object.assign(new Error(`${host} not found`), { code: 'ENOTFOUND' }));
};

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.headers.host}${request.url}`);
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  sut = await openTestSubgraph(notificationsSubgraph, {
    env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'false', WEBHOOK_MAX_ATTEMPTS: '2', WEBHOOK_RETRY_INITIAL_MS: '10' },
    outboundResolver: resolver,
  });
});
afterAll(async () => {
  await sut?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const admin: AuthUser = testUser(['USER', 'ADMIN']);
const REGISTER = `mutation($url: String!) { registerWebhook(url: $url) { webhook { id } } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(webhookId: $id) { status attempts lastStatusCode lastError } }`;

describe('webhook SSRF guard', () => {
  it.each([
    (p: number) => `http://[::ffff:127.0.0.1]:${p}/hook`,
    (p: number) => `http://[::ffff:7f00:1]:${p}/hook`,
    (p: number) => `http://[0:0:0:0:0:ffff:127.0.0.1]:${p}/hook`,
    (p: number) => `http://[::127.0.0.1]:${p}/hook`,
    (p: number) => `http://[64:ff9b::127.0.0.1]:${p}/hook`,
    (p: number) => `http://[::1]:${p}/hook`,
    (p: number) => `http://127.0.0.1:${p}/hook`,
    (p: number) => `http://2130706433:${p}/hook`,
    (p: number) => `http://loopback.test:${p}/hook`,
    (p: number) => `http://mixed.test:${p}/hook`,
    () => 'http://224.0.0.1/hook',
    () => 'http://255.255.255.255/hook',
    () => 'http://0.0.0.0/hook',
    () => 'http://10.0.0.1/hook',
    () => 'http://100.64.0.1/hook',
    () => 'http://192.0.2.1/hook',
    () => 'http://169.254.169.254/latest/meta-data/',
    () => 'http://[fd00:ec2::254]/latest/meta-data/',
    () => 'http://[fe80::1]/hook',
    () => 'http://nowhere.test/hook',
  ])('registration refuses %s with BAD_USER_INPUT on the url field', async (urlFor) => {
    const errors = await executeErrors(sut.apollo, REGISTER, { user: fan(), variables: { url: urlFor(port) } });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'url' })]);
  });

  it('a name that turns private after registration is refused at connect time, logged by code, and nothing is sent', async () => {
    const user = fan();
    const registered = await executeOk<{ registerWebhook: { webhook: { id: string } } }>(sut.apollo, REGISTER, { user, variables: { url: `http://rebind.test:${port}/hook` } });
    await executeOk(sut.apollo, `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`, {
      user: admin,
      variables: { input: { title: 'Rebound', message: 'to loopback', userIds: [user.id] } },
    });
    type Delivery = { status: string; attempts: number; lastStatusCode: number | null; lastError: string | null };
    let log: Delivery[] = [];
    await waitFor(
      async () => {
        log = (await executeOk<{ webhookDeliveries: Delivery[] }>(sut.apollo, DELIVERIES, { user, variables: { id: registered.registerWebhook.webhook.id } })).webhookDeliveries;
        return log[0]?.status === 'FAILED';
      },
      { message: 'the delivery to fail' },
    );
    // Both attempts looked the name up again and were refused; no status code maps the port.
    expect(log[0]).toMatchObject({ status: 'FAILED', attempts: 2, lastStatusCode: null });
    expect(log[0]?.lastError).toMatch(/^DESTINATION_REFUSED: rebind\.test resolves to a private address/);
    expect(log[0]?.lastError).not.toContain(String(port));
    expect(rebindLookups).toBeGreaterThanOrEqual(3);
    expect(requests).toEqual([]);
  });
});

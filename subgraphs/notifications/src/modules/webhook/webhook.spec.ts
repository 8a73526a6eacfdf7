import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '@mrt/graphql-kit';
import { executeErrors, executeOk, openTestSubgraph, waitForValue, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { notificationsSubgraph } from '../../index.js';
import { signWebhookBody, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';

interface Received {
  body: string;
  signature: string;
}

/** A receiver that answers with the statuses it is given, in turn (the last one repeats). */
async function receiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ body, signature: String(request.headers[WEBHOOK_SIGNATURE_HEADER]) });
      response.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)]!).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

let sut: TestSubgraph;
const servers: Server[] = [];
beforeAll(async () => {
  sut = await openTestSubgraph(notificationsSubgraph, {
    env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_MAX_ATTEMPTS: '2', WEBHOOK_RETRY_INITIAL_MS: '10', WEBHOOK_DISABLE_AFTER_FAILURES: '2' },
  });
});
afterAll(async () => {
  await sut?.close();
  for (const server of servers) server.close();
});

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const admin: AuthUser = testUser(['USER', 'ADMIN']);
const REGISTER = `mutation($url: String!) { registerWebhook(url: $url) { secret webhook { id url active } } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(webhookId: $id) { notificationId status attempts lastStatusCode lastError } }`;
const HOOKS = `{ myWebhooks { id active consecutiveFailures disabledAt } }`;

async function notify(user: AuthUser, title: string): Promise<void> {
  await executeOk(sut.apollo, `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`, {
    user: admin,
    variables: { input: { title, message: `${title}!`, userIds: [user.id] } },
  });
}


describe('webhook signatures', () => {
  it('verifies only the exact body, with the right secret, within the tolerance', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const header = signWebhookBody('whsec_test', '{"a":1}', t);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('whsec_test', '{"a":1}', header, { now })).toBe(true);
    expect(verifyWebhookSignature('whsec_test', '{"a":2}', header, { now })).toBe(false);
    expect(verifyWebhookSignature('whsec_other', '{"a":1}', header, { now })).toBe(false);
    expect(verifyWebhookSignature('whsec_test', '{"a":1}', header, { now: new Date(now.getTime() + 600_000) })).toBe(false);
    expect(verifyWebhookSignature('whsec_test', '{"a":1}', header.replace(/t=\d+/, `t=${t + 1}`), { now })).toBe(false);
  });
});

describe('webhook delivery', () => {
  it('POSTs each notification signed with the secret, and logs the delivery', async () => {
    const hook = await receiver([200]);
    servers.push(hook.server);
    const user = fan();
    const registered = (await executeOk<{ registerWebhook: { secret: string; webhook: { id: string; active: boolean } } }>(sut.apollo, REGISTER, { user, variables: { url: hook.url } })).registerWebhook;
    expect(registered.secret).toMatch(/^whsec_/);
    await notify(user, 'Signed');
    await waitForValue(async () => hook.received.length, (n) => n >= 1);
    const [delivery] = hook.received;
    expect(verifyWebhookSignature(registered.secret, delivery!.body, delivery!.signature)).toBe(true);
    expect(JSON.parse(delivery!.body)).toMatchObject({ kind: 'ADMIN_BROADCAST', title: 'Signed', message: 'Signed!' });
    const log = await waitForValue(
      async () => (await executeOk<{ webhookDeliveries: { status: string; attempts: number; lastStatusCode: number }[] }>(sut.apollo, DELIVERIES, { user, variables: { id: registered.webhook.id } })).webhookDeliveries,
      (rows) => rows[0]?.status === 'DELIVERED',
    );
    expect(log).toEqual([expect.objectContaining({ status: 'DELIVERED', attempts: 1, lastStatusCode: 200 })]);
    const stranger = await executeErrors(sut.apollo, DELIVERIES, { user: fan(), variables: { id: registered.webhook.id } });
    expect(stranger[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('retries with backoff, then disables a webhook that keeps failing', async () => {
    const hook = await receiver([500, 503]);
    servers.push(hook.server);
    const user = fan();
    const registered = (await executeOk<{ registerWebhook: { webhook: { id: string } } }>(sut.apollo, REGISTER, { user, variables: { url: hook.url } })).registerWebhook;
    await notify(user, 'First');
    const log = await waitForValue(
      async () => (await executeOk<{ webhookDeliveries: { status: string; attempts: number; lastStatusCode: number; lastError: string }[] }>(sut.apollo, DELIVERIES, { user, variables: { id: registered.webhook.id } })).webhookDeliveries,
      (rows) => rows[0]?.status === 'FAILED',
    );
    expect(log[0]).toMatchObject({ status: 'FAILED', attempts: 2, lastStatusCode: 503, lastError: 'HTTP 503' });
    expect(hook.received).toHaveLength(2);
    await notify(user, 'Second');
    const hooks = await waitForValue(
      async () => (await executeOk<{ myWebhooks: { active: boolean; consecutiveFailures: number }[] }>(sut.apollo, HOOKS, { user })).myWebhooks,
      (rows) => rows[0]?.active === false,
    );
    expect(hooks[0]).toMatchObject({ active: false, consecutiveFailures: 2 });
    // Disabled: a third notification is not sent.
    await notify(user, 'Third');
    const enabled = await executeOk<{ enableWebhook: { active: boolean } }>(sut.apollo, `mutation($id: ID!) { enableWebhook(id: $id) { active } }`, { user, variables: { id: registered.webhook.id } });
    expect(enabled.enableWebhook.active).toBe(true);
    expect(hook.received.map((r) => JSON.parse(r.body).title)).toEqual(['First', 'First', 'Second', 'Second']);
  });

  it('refuses URLs that are not http(s) or carry credentials', async () => {
    for (const url of ['ftp://example.com/hook', 'https://user:pw@example.com/hook', 'not a url']) {
      const errors = await executeErrors(sut.apollo, REGISTER, { user: fan(), variables: { url } });
      expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

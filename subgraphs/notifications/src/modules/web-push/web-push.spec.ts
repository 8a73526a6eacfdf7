import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '@mrt/graphql-kit';
import { executeErrors, executeOk, openTestSubgraph, waitForValue, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { notificationsSubgraph } from '../../index.js';

/** A local push service: records what arrives per subscription path, answers 201 or what it is told. */
const arrived: { path: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
const answers = new Map<string, number>();
let pushService: Server;
let origin: string;
let sut: TestSubgraph;
const vapid = webpush.generateVAPIDKeys();

beforeAll(async () => {
  pushService = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      arrived.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      const status = answers.get(path) ?? 201;
      response.writeHead(status, status === 201 ? { location: `${path}/message/${arrived.length}` } : {}).end();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
  sut = await openTestSubgraph(notificationsSubgraph, {
    env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true', VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:ops@tracker.example' },
  });
});
afterAll(async () => {
  await sut?.close();
  pushService.closeAllConnections();
  pushService.close();
});

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const admin: AuthUser = testUser(['USER', 'ADMIN']);
const SUBSCRIBE = `mutation($input: WebPushSubscriptionInput!) { addWebPushSubscription(input: $input) { id kind url verified } }`;

/** What a browser makes: a P-256 key pair and an auth secret; the spec keeps the private half to decrypt. */
function browserSubscription() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16).toString('base64url');
  const path = `/push/${randomUUID()}`;
  return { ecdh, auth, path, input: { endpoint: `${origin}${path}`, p256dh: ecdh.getPublicKey().toString('base64url'), auth, label: 'Firefox' } };
}


const broadcast = (user: AuthUser, title: string) =>
  executeOk(sut.apollo, `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`, { user: admin, variables: { input: { title, message: `${title}!`, userIds: [user.id] } } });

describe('web push channel', () => {
  it('publishes its VAPID key and refuses keys that are not a browser subscription', async () => {
    expect((await executeOk<{ webPushPublicKey: string }>(sut.apollo, `{ webPushPublicKey }`)).webPushPublicKey).toBe(vapid.publicKey);
    const { input } = browserSubscription();
    const errors = await executeErrors(sut.apollo, SUBSCRIBE, { user: fan(), variables: { input: { ...input, p256dh: 'abc' } } });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'p256dh' })]);
  });

  it('sends a VAPID-signed, encrypted payload only the subscription can read', async () => {
    const user = fan();
    const browser = browserSubscription();
    const channel = (await executeOk<{ addWebPushSubscription: { kind: string; verified: boolean } }>(sut.apollo, SUBSCRIBE, { user, variables: { input: browser.input } })).addWebPushSubscription;
    expect(channel).toMatchObject({ kind: 'WEB_PUSH', verified: true });
    await broadcast(user, 'Pushed');
    const [push] = await waitForValue(() => arrived.filter((a) => a.path === browser.path), (list) => list.length >= 1);
    expect(push!.headers['content-encoding']).toBe('aes128gcm');
    expect(push!.headers.ttl).toBe('86400');
    expect(push!.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`));
    const payload = JSON.parse(decrypt(push!.body, { version: 'aes128gcm', privateKey: browser.ecdh, authSecret: browser.auth }).toString('utf8')) as Record<string, unknown>;
    expect(payload).toMatchObject({ kind: 'ADMIN_BROADCAST', title: 'Pushed', body: 'Pushed!', url: 'http://localhost:4000/notifications' });
    const feed = await waitForValue(
      async () => (await executeOk<{ myNotifications: { edges: { node: { deliveries: { status: string; providerMessageId: string | null }[] } }[] } }>(sut.apollo, `{ myNotifications { edges { node { deliveries { status providerMessageId } } } } }`, { user })).myNotifications.edges,
      (edges) => edges[0]?.node.deliveries[0]?.status === 'DELIVERED',
    );
    expect(feed[0]!.node.deliveries[0]!.providerMessageId).toMatch(new RegExp(`^${browser.path}/message/\\d+$`));
  });

  it('removes a subscription the push service says is gone (410), without a pause notice', async () => {
    const user = fan();
    const browser = browserSubscription();
    answers.set(browser.path, 410);
    await executeOk(sut.apollo, SUBSCRIBE, { user, variables: { input: browser.input } });
    await broadcast(user, 'Expired');
    const channels = await waitForValue(
      async () => (await executeOk<{ myNotificationChannels: { id: string }[] }>(sut.apollo, `{ myNotificationChannels { id } }`, { user })).myNotificationChannels,
      (list) => list.length === 0,
    );
    expect(channels).toEqual([]);
    const kinds = (await executeOk<{ myNotifications: { edges: { node: { kind: string; deliveries: { lastErrorCode: string | null }[] } }[] } }>(sut.apollo, `{ myNotifications { edges { node { kind deliveries { lastErrorCode } } } } }`, { user })).myNotifications.edges;
    expect(kinds.map((edge) => edge.node.kind)).toEqual(['ADMIN_BROADCAST']);
    expect(kinds[0]!.node.deliveries[0]!.lastErrorCode).toBe('SUBSCRIPTION_EXPIRED');
    expect(arrived.filter((a) => a.path === browser.path)).toHaveLength(1);
  });
});

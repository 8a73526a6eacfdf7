import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '@mrt/graphql-kit';
import { deliverEvents, executeErrors, executeOk, openTestSubgraph, waitForValue, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { createLogger, parseEnv } from '@mrt/platform';
import { notificationsEnvSchema } from '../../env.js';
import { notificationsSubgraph } from '../../index.js';
import { createDeliveryDispatcher, outboundGuardFor } from '../../server.js';
import { announced, offerAdded, testOffer, testRelease } from '../../testing/release-events.js';
import { matchPastTheInbox } from '../../testing/matching.js';
import { NotificationService } from '../notification/notification.service.js';

interface Received {
  key: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  at: number;
}
type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

/**
 * One local server speaking Discord's webhook API (POST /api/webhooks/<id>/<token>?wait=true,
 * answering with the message) and ntfy's JSON publishing (POST / with the topic in the body).
 * Each destination (Discord webhook id or ntfy topic) answers with its script of replies in turn.
 */
class ProviderServer {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Reply[]>();
  private held: (() => void)[] = [];
  hold = false;
  private server: Server | undefined;
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => this.answer(request, text, response));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(key: string, replies: Reply[]): void {
    this.scripts.set(key, replies);
  }

  from(key: string): Received[] {
    return this.received.filter((r) => r.key === key);
  }

  release(): void {
    for (const resume of this.held.splice(0)) resume();
  }

  close(): void {
    this.release();
    this.server?.closeAllConnections();
    this.server?.close();
  }

  private answer(request: IncomingMessage, text: string, response: ServerResponse): void {
    const path = request.url ?? '';
    const body = JSON.parse(text || '{}') as Record<string, unknown>;
    const discord = /^\/api\/webhooks\/(\d+)\//.exec(path);
    const key = discord ? `discord:${discord[1]}` : `ntfy:${String(body.topic)}`;
    const index = this.from(key).length;
    this.received.push({ key, path, headers: request.headers, body, at: Date.now() });
    const replies = this.scripts.get(key) ?? [{ status: 200 }];
    const reply = replies[Math.min(index, replies.length - 1)]!;
    this.answerWhenAllowed(() => {
      const payload = reply.body ?? (reply.status === 200 ? { id: `${key}-message-${index + 1}` } : {});
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(payload));
    });
  }

  /** While `hold` is set, answers wait for release(): a sender hanging mid-request. */
  answerWhenAllowed(send: () => void): void {
    if (this.hold) this.held.push(send);
    else send();
  }
}

const provider = new ProviderServer();
const webhookReceiver = { received: [] as { deliveryId: string }[], server: undefined as Server | undefined, url: '' };
let sut: TestSubgraph;
const env = () => ({
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  DISCORD_ORIGIN: provider.origin,
  CHANNEL_MAX_ATTEMPTS: '3',
  CHANNEL_RETRY_INITIAL_MS: '10',
  CHANNEL_PAUSE_AFTER_FAILURES: '2',
});

beforeAll(async () => {
  await provider.start();
  webhookReceiver.server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      webhookReceiver.received.push({ deliveryId: String(request.headers['x-mrt-delivery']) });
      provider.answerWhenAllowed(() => response.writeHead(200).end());
    });
  });
  await new Promise<void>((resolve) => webhookReceiver.server!.listen(0, '127.0.0.1', resolve));
  webhookReceiver.url = `http://127.0.0.1:${(webhookReceiver.server.address() as AddressInfo).port}/hook`;
  sut = await openTestSubgraph(notificationsSubgraph, { env: env() });
});
afterAll(async () => {
  await sut?.close();
  provider.close();
  webhookReceiver.server?.closeAllConnections();
  webhookReceiver.server?.close();
});

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const admin: AuthUser = testUser(['USER', 'ADMIN']);
const ADD = `mutation($input: AddNotificationChannelInput!) { addNotificationChannel(input: $input) { id kind url isDefault pausedAt } }`;
const CHANNELS = `{ myNotificationChannels { id kind consecutiveFailures pausedAt pauseReason } }`;
const FEED = `{ myNotifications(first: 20) { edges { node { id kind title message deliveries { channel destinationId status attempts lastStatusCode lastErrorCode providerMessageId sentAt } } } } }`;

interface Delivery {
  channel: string;
  destinationId: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastErrorCode: string | null;
  providerMessageId: string | null;
  sentAt: string | null;
}
interface FeedNode {
  id: string;
  kind: string;
  title: string;
  message: string;
  deliveries: Delivery[];
}

let discordIds = 100_000;
const discordUrl = () => `${provider.origin}/api/webhooks/${++discordIds}/token_${randomUUID().replace(/-/g, '')}`;
const discordKey = (url: string) => `discord:${/webhooks\/(\d+)\//.exec(url)![1]}`;

async function addChannel(user: AuthUser, input: Record<string, unknown>, on: TestSubgraph = sut): Promise<{ id: string }> {
  return (await executeOk<{ addNotificationChannel: { id: string } }>(on.apollo, ADD, { user, variables: { input } })).addNotificationChannel;
}

async function broadcast(user: AuthUser, title: string, on: TestSubgraph = sut): Promise<void> {
  await executeOk(on.apollo, `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`, {
    user: admin,
    variables: { input: { title, message: `${title}!`, userIds: [user.id] } },
  });
}

async function feed(user: AuthUser, on: TestSubgraph = sut): Promise<FeedNode[]> {
  return (await executeOk<{ myNotifications: { edges: { node: FeedNode }[] } }>(on.apollo, FEED, { user })).myNotifications.edges.map((edge) => edge.node);
}


const deliveryOf = (nodes: FeedNode[], title: string, channel: string) => nodes.find((n) => n.title === title)?.deliveries.find((d) => d.channel === channel);

describe('notification channels', () => {
  it('refuses URLs that are not a Discord webhook or an ntfy topic, naming the field, and stores nothing', async () => {
    const user = fan();
    const cases: [string, string][] = [
      ['DISCORD', 'https://example.com/api/webhooks/123456/abcdefghijklmnopqrstuvwxyz'],
      ['DISCORD', `${provider.origin}/not-a-webhook`],
      ['NTFY', `${provider.origin}/bad topic!`],
      ['NTFY', 'ftp://ntfy.example/topic'],
      ['NTFY', 'not a url'],
    ];
    for (const [kind, url] of cases) {
      const errors = await executeErrors(sut.apollo, ADD, { user, variables: { input: { kind, url } } });
      expect(errors[0]?.extensions?.code, url).toBe('BAD_USER_INPUT');
      expect(errors[0]?.extensions?.fields, url).toEqual([expect.objectContaining({ path: 'url' })]);
    }
    const good = discordUrl();
    await addChannel(user, { kind: 'DISCORD', url: good });
    const duplicate = await executeErrors(sut.apollo, ADD, { user, variables: { input: { kind: 'DISCORD', url: good } } });
    expect(duplicate[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const listed = (await executeOk<{ myNotificationChannels: { kind: string }[] }>(sut.apollo, CHANNELS, { user })).myNotificationChannels;
    expect(listed.map((c) => c.kind)).toEqual(['DISCORD']);
  });

  it('says which channels this server has not enabled (no SMTP, bot or VAPID keys configured)', async () => {
    const user = fan();
    const email = await executeErrors(sut.apollo, ADD, { user, variables: { input: { kind: 'EMAIL', email: 'fan@mail.example' } } });
    expect(email[0]?.extensions?.fields).toEqual([{ path: 'kind', message: 'email is not enabled on this server' }]);
    const telegram = await executeErrors(sut.apollo, `mutation { linkTelegram { url } }`, { user });
    expect(telegram[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await executeOk<{ webPushPublicKey: string | null }>(sut.apollo, `{ webPushPublicKey }`)).webPushPublicKey).toBeNull();
    expect((await executeOk<{ myNotificationChannels: unknown[] }>(sut.apollo, CHANNELS, { user })).myNotificationChannels).toEqual([]);
  });

  it('sends a Discord embed and an ntfy message, and logs each delivery on the notification', async () => {
    const user = fan();
    const discord = discordUrl();
    const topic = `mrt-${randomUUID().slice(0, 8)}`;
    const discordChannel = await addChannel(user, { kind: 'DISCORD', url: discord, label: 'metal' });
    const ntfyChannel = await addChannel(user, { kind: 'NTFY', url: `${provider.origin}/${topic}` });
    await broadcast(user, 'Restocked');
    await waitForValue(() => provider.from(discordKey(discord)).length + provider.from(`ntfy:${topic}`).length, (n) => n >= 2);

    const [post] = provider.from(discordKey(discord));
    expect(post!.path).toMatch(/\?wait=true$/);
    expect(post!.body).toMatchObject({
      allowed_mentions: { parse: [] },
      embeds: [{ title: 'Restocked', description: 'Restocked!', url: 'http://localhost:4000/notifications', fields: [expect.objectContaining({ name: 'What' })] }],
    });
    expect(typeof (post!.body.embeds as { color: unknown }[])[0]!.color).toBe('number');
    const [publish] = provider.from(`ntfy:${topic}`);
    expect(publish!.path).toBe('/');
    expect(publish!.body).toMatchObject({ topic, title: 'Restocked', message: 'Restocked!', click: 'http://localhost:4000/notifications', priority: 3 });

    const nodes = await waitForValue(
      () => feed(user),
      (n) => n[0]?.deliveries.length === 2 && n[0].deliveries.every((d) => d.status === 'DELIVERED'),
    );
    expect(deliveryOf(nodes, 'Restocked', 'DISCORD')).toMatchObject({
      destinationId: discordChannel.id,
      attempts: 1,
      lastStatusCode: 200,
      providerMessageId: `${discordKey(discord)}-message-1`,
    });
    expect(deliveryOf(nodes, 'Restocked', 'NTFY')).toMatchObject({ destinationId: ntfyChannel.id, attempts: 1, providerMessageId: `ntfy:${topic}-message-1` });
  });

  it('delivers an event handled twice only once', async () => {
    const user = fan();
    const discord = discordUrl();
    await addChannel(user, { kind: 'DISCORD', url: discord });
    const release = testRelease();
    await executeOk(sut.apollo, `mutation($input: FollowInput!) { follow(input: $input) { id } }`, {
      user,
      variables: { input: { targetType: 'BAND', targetId: release.bandIds[0] } },
    });
    const event = announced(release);
    await deliverEvents(sut, event);
    await waitForValue(() => provider.from(discordKey(discord)).length, (n) => n >= 1);
    // A redelivery past the inbox (its row lost, say): the matcher runs again in full.
    await matchPastTheInbox(sut, event);
    await deliverEvents(sut, event);
    // What a second send would have raced with: a later notification arriving.
    await broadcast(user, 'Later');
    await waitForValue(() => provider.from(discordKey(discord)).length, (n) => n >= 2);
    expect(provider.from(discordKey(discord)).map((r) => (r.body.embeds as { title: string }[])[0]!.title)).toEqual([expect.stringContaining(release.title), 'Later']);
  });

  it("sends a follow's news to the channels it chose, and only the fan's own channels can be chosen", async () => {
    const user = fan();
    const discord = discordUrl();
    const topic = `mrt-${randomUUID().slice(0, 8)}`;
    await addChannel(user, { kind: 'DISCORD', url: discord });
    const ntfy = await addChannel(user, { kind: 'NTFY', url: `${provider.origin}/${topic}`, isDefault: false });
    const stranger = await addChannel(fan(), { kind: 'NTFY', url: `${provider.origin}/${topic}-other` });
    const FOLLOW = `mutation($input: FollowInput!) { follow(input: $input) { id channelIds } }`;
    const release = testRelease();
    const refused = await executeErrors(sut.apollo, FOLLOW, { user, variables: { input: { targetType: 'BAND', targetId: release.bandIds[0], channelIds: [stranger.id] } } });
    expect(refused[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'channelIds' })]);
    const followed = await executeOk<{ follow: { channelIds: string[] } }>(sut.apollo, FOLLOW, {
      user,
      variables: { input: { targetType: 'BAND', targetId: release.bandIds[0], channelIds: [ntfy.id] } },
    });
    expect(followed.follow.channelIds).toEqual([ntfy.id]);
    await deliverEvents(sut, announced(release));
    await waitForValue(() => provider.from(`ntfy:${topic}`).length, (n) => n >= 1);
    // A broadcast goes to the default channels: Discord, not the ntfy topic chosen by the follow.
    await broadcast(user, 'Defaults');
    await waitForValue(() => provider.from(discordKey(discord)).length, (n) => n >= 1);
    expect(provider.from(discordKey(discord)).map((r) => (r.body.embeds as { title: string }[])[0]!.title)).toEqual(['Defaults']);
    expect(provider.from(`ntfy:${topic}`).map((r) => r.body.title)).toEqual([expect.stringContaining(release.title)]);
  });

  it("shows an offer's format and price in the Discord embed", async () => {
    const user = fan();
    const discord = discordUrl();
    await addChannel(user, { kind: 'DISCORD', url: discord });
    const release = testRelease();
    await executeOk(sut.apollo, `mutation($input: FollowInput!) { follow(input: $input) { id } }`, {
      user,
      variables: { input: { targetType: 'BAND', targetId: release.bandIds[0], events: ['OFFER_ADDED'] } },
    });
    await deliverEvents(sut, announced(release), offerAdded(testOffer(release, { format: 'LP' }), { amount: '27.50', currency: 'EUR' }));
    const [post] = await waitForValue(() => provider.from(discordKey(discord)), (posts) => posts.length >= 1);
    expect((post!.body.embeds as { fields: unknown[] }[])[0]!.fields).toEqual([
      { name: 'What', value: 'offer added', inline: true },
      { name: 'Format', value: 'LP', inline: true },
      { name: 'Price', value: '27.50 EUR', inline: true },
    ]);
  });

  it('waits as long as a 429 asks, then delivers, counting both attempts per channel', async () => {
    const user = fan();
    const discord = discordUrl();
    provider.script(discordKey(discord), [{ status: 429, headers: { 'retry-after': '1' }, body: { message: 'You are being rate limited.', retry_after: 1.2, global: false } }, { status: 200 }]);
    await addChannel(user, { kind: 'DISCORD', url: discord });
    await broadcast(user, 'Slow down');
    const nodes = await waitForValue(
      () => feed(user),
      (n) => deliveryOf(n, 'Slow down', 'DISCORD')?.status === 'DELIVERED',
    );
    expect(deliveryOf(nodes, 'Slow down', 'DISCORD')).toMatchObject({ attempts: 2, lastStatusCode: 200 });
    const [limited, retried] = provider.from(discordKey(discord));
    // The retry honoured retry_after (1.2 s), not the 10 ms backoff.
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1_150);
    const counted = await sut.metrics.registry.getSingleMetricAsString('notification_deliveries_total');
    expect(counted).toMatch(/notification_deliveries_total\{channel="DISCORD",outcome="retried",service="notifications"\} [1-9]/);
    expect(counted).toMatch(/notification_deliveries_total\{channel="DISCORD",outcome="sent",service="notifications"\} [1-9]/);
  });

  it('pauses a deleted Discord webhook at once, tells the fan, and keeps the other channels going', async () => {
    const user = fan();
    const discord = discordUrl();
    const topic = `mrt-${randomUUID().slice(0, 8)}`;
    provider.script(discordKey(discord), [{ status: 404, body: { message: 'Unknown Webhook', code: 10015 } }]);
    await addChannel(user, { kind: 'DISCORD', url: discord });
    await addChannel(user, { kind: 'NTFY', url: `${provider.origin}/${topic}` });
    await broadcast(user, 'First');
    const nodes = await waitForValue(
      () => feed(user),
      (n) => n.some((node) => node.kind === 'CHANNEL_PAUSED') && deliveryOf(n, 'First', 'NTFY')?.status === 'DELIVERED',
    );
    expect(deliveryOf(nodes, 'First', 'DISCORD')).toMatchObject({ status: 'FAILED', attempts: 1, lastStatusCode: 404, lastErrorCode: 'DESTINATION_GONE' });
    const notice = nodes.find((node) => node.kind === 'CHANNEL_PAUSED')!;
    expect(notice.title).toBe('Discord paused');
    expect(notice.message).toContain('deleted');
    expect(notice.deliveries).toEqual([]);
    const channels = (await executeOk<{ myNotificationChannels: { kind: string; pausedAt: string | null; pauseReason: string | null }[] }>(sut.apollo, CHANNELS, { user })).myNotificationChannels;
    expect(channels.find((c) => c.kind === 'DISCORD')).toMatchObject({ pauseReason: 'DESTINATION_GONE', pausedAt: expect.any(String) });
    expect(channels.find((c) => c.kind === 'NTFY')).toMatchObject({ pausedAt: null });

    // Paused: the next notification reaches ntfy only.
    await broadcast(user, 'Second');
    await waitForValue(() => provider.from(`ntfy:${topic}`).length, (n) => n >= 2);
    expect(provider.from(discordKey(discord))).toHaveLength(1);
    expect((await feed(user)).find((n) => n.title === 'Second')!.deliveries.map((d) => d.channel)).toEqual(['NTFY']);
  });

  it('pauses an ntfy topic after deliveries keep failing every attempt, with an in-app notice', async () => {
    const user = fan();
    const topic = `mrt-${randomUUID().slice(0, 8)}`;
    provider.script(`ntfy:${topic}`, [{ status: 500 }]);
    await addChannel(user, { kind: 'NTFY', url: `${provider.origin}/${topic}` });
    await broadcast(user, 'One');
    await waitForValue(() => feed(user), (n) => deliveryOf(n, 'One', 'NTFY')?.status === 'FAILED');
    await broadcast(user, 'Two');
    const nodes = await waitForValue(() => feed(user), (n) => n.some((node) => node.kind === 'CHANNEL_PAUSED'));
    expect(deliveryOf(nodes, 'One', 'NTFY')).toMatchObject({ status: 'FAILED', attempts: 3, lastStatusCode: 500, lastErrorCode: 'HTTP_500' });
    expect(deliveryOf(nodes, 'Two', 'NTFY')).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(nodes.find((n) => n.kind === 'CHANNEL_PAUSED')!.message).toContain('failed 2 times in a row');
    expect(provider.from(`ntfy:${topic}`)).toHaveLength(6);
    const [channel] = (await executeOk<{ myNotificationChannels: { id: string; consecutiveFailures: number; pausedAt: string | null }[] }>(sut.apollo, CHANNELS, { user })).myNotificationChannels;
    expect(channel).toMatchObject({ consecutiveFailures: 2, pausedAt: expect.any(String) });

    provider.script(`ntfy:${topic}`, [{ status: 200 }]);
    await executeOk(sut.apollo, `mutation($id: ID!) { resumeNotificationChannel(id: $id) { id } }`, { user, variables: { id: channel!.id } });
    await broadcast(user, 'Three');
    await waitForValue(() => feed(user), (n) => deliveryOf(n, 'Three', 'NTFY')?.status === 'DELIVERED');
  });
});

describe('a worker that dies mid-send', () => {
  let quiet: TestSubgraph;
  beforeAll(async () => {
    // No worker of its own: the spec runs the two workers that share its queue.
    quiet = await openTestSubgraph(notificationsSubgraph, { env: { ...env(), DELIVERY_WORKER: 'false' } });
  });
  afterAll(async () => {
    await quiet?.close();
  });

  it('is taken over after its lease: Discord is not sent again, the idempotent webhook is, with the same key', async () => {
    const user = fan();
    const discord = discordUrl();
    await addChannel(user, { kind: 'DISCORD', url: discord }, quiet);
    await executeOk(quiet.apollo, `mutation($url: String!) { registerWebhook(url: $url) { secret } }`, { user, variables: { url: webhookReceiver.url } });
    await broadcast(user, 'Crash', quiet);

    const parsedEnv = parseEnv(notificationsEnvSchema, { NODE_ENV: 'test', ...env() });
    const worker = (leaseMs?: number) => {
      const guard = outboundGuardFor(parsedEnv);
      const notifications = new NotificationService(quiet.db.dataSource);
      return { guard, dispatcher: createDeliveryDispatcher({ env: parsedEnv, dataSource: quiet.db.dataSource, logger: createLogger({ name: 'spec', level: 'silent' }), guard, notifications, email: null, telegram: null, leaseMs }) };
    };
    const dying = worker(300);
    const survivor = worker();
    try {
      provider.hold = true;
      const claimed = await dying.dispatcher.claim();
      expect(claimed.map((d) => d.channel).sort()).toEqual(['DISCORD', 'WEBHOOK']);
      // It sends, and hangs before it can record anything (the receivers hold their answers).
      const hung = dying.dispatcher.process(claimed);
      await waitForValue(() => provider.from(discordKey(discord)).length + webhookReceiver.received.length, (n) => n >= 2);
      provider.hold = false;

      const nodes = await waitForValue(
        async () => {
          await survivor.dispatcher.runOnce();
          return feed(user, quiet);
        },
        (n) => deliveryOf(n, 'Crash', 'DISCORD')?.status === 'FAILED' && deliveryOf(n, 'Crash', 'WEBHOOK')?.status === 'DELIVERED',
      );
      expect(deliveryOf(nodes, 'Crash', 'DISCORD')).toMatchObject({ lastErrorCode: 'INTERRUPTED' });
      // The dying worker's late answer arrives after the takeover and changes nothing.
      provider.release();
      await hung;
      const after = await feed(user, quiet);
      expect(deliveryOf(after, 'Crash', 'DISCORD')).toMatchObject({ status: 'FAILED', lastErrorCode: 'INTERRUPTED', providerMessageId: null });
      expect(provider.from(discordKey(discord))).toHaveLength(1);
      expect(webhookReceiver.received).toHaveLength(2);
      expect(new Set(webhookReceiver.received.map((r) => r.deliveryId)).size).toBe(1);
    } finally {
      provider.hold = false;
      provider.release();
      await dying.guard.close();
      await survivor.guard.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '@mrt/graphql-kit';
import { executeErrors, executeOk, openTestSubgraph, waitForValue, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { createLogger, createRedis, parseEnv, type Redis } from '@mrt/platform';
import { testEnv, uniqueName } from '@mrt/platform/testing';
import { notificationsEnvSchema } from '../../env.js';
import { notificationsSubgraph } from '../../index.js';
import { createDeliveryDispatcher, outboundGuardFor, telegramApiFor } from '../../server.js';
import type { DeliveryDispatcher } from '../delivery/delivery.dispatcher.js';
import { NotificationService } from '../notification/notification.service.js';
import { ReleaseProjection } from '../projection/release.projection.js';
import type { TelegramUpdate } from './telegram-api.js';
import { TelegramService } from './telegram.service.js';

const BOT_TOKEN = '123456:test-token';
type Reply = { status: number; body: Record<string, unknown> };

/**
 * A local server speaking the Bot API: getUpdates hands out the queued updates after `offset`,
 * sendMessage answers per chat with its queued replies (429 with retry_after, 403 blocked), then ok.
 */
const updates: TelegramUpdate[] = [];
const sent: { chatId: string; text: string; parseMode: unknown; at: number }[] = [];
const scripts = new Map<string, Reply[]>();
/** Calls of the methods that configure the bot (setWebhook, deleteWebhook). */
const configured: { method: string; body: Record<string, unknown> }[] = [];
let nextUpdateId = 1;
let api: Server;
let apiUrl: string;
let sut: TestSubgraph;

beforeAll(async () => {
  api = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      const reply = (status: number, payload: Record<string, unknown>) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      if (request.url === `/bot${BOT_TOKEN}/getUpdates`) {
        reply(200, { ok: true, result: updates.filter((u) => u.update_id >= Number(body.offset ?? 0)) });
        return;
      }
      if (request.url === `/bot${BOT_TOKEN}/sendMessage`) {
        const chatId = String(body.chat_id);
        const count = sent.filter((s) => s.chatId === chatId).length;
        sent.push({ chatId, text: String(body.text), parseMode: body.parse_mode, at: Date.now() });
        const next = scripts.get(chatId)?.shift() ?? { status: 200, body: { ok: true, result: { message_id: count + 1 } } };
        reply(next.status, next.body);
        return;
      }
      const method = /^\/bot[^/]+\/(setWebhook|deleteWebhook)$/.exec(request.url ?? '')?.[1];
      if (method) {
        configured.push({ method, body });
        reply(200, { ok: true, result: true });
        return;
      }
      reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  sut = await openTestSubgraph(notificationsSubgraph, {
    env: {
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_BOT_USERNAME: 'mrt_test_bot',
      TELEGRAM_API_URL: apiUrl,
      TELEGRAM_POLL_TIMEOUT_SECONDS: '0',
      CHANNEL_RETRY_INITIAL_MS: '10',
    },
  });
});
afterAll(async () => {
  await sut?.close();
  api.closeAllConnections();
  api.close();
});

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const admin: AuthUser = testUser(['USER', 'ADMIN']);
const LINK = `mutation { linkTelegram { url channel { id kind verified } } }`;
const CHANNELS = `{ myNotificationChannels { id kind verified pausedAt pauseReason } }`;
const FEED = `{ myNotifications(first: 20) { edges { node { kind title deliveries { channel status attempts lastErrorCode providerMessageId } } } } }`;
type FeedNode = { kind: string; title: string; deliveries: { channel: string; status: string; attempts: number; lastErrorCode: string | null; providerMessageId: string | null }[] };


const say = (chatId: number, text: string) => updates.push({ update_id: nextUpdateId++, message: { chat: { id: chatId }, text } });
const to = (chatId: number) => sent.filter((s) => s.chatId === String(chatId));
const feed = async (user: AuthUser) =>
  (await executeOk<{ myNotifications: { edges: { node: FeedNode }[] } }>(sut.apollo, FEED, { user })).myNotifications.edges.map((edge) => edge.node);
const broadcast = (user: AuthUser, title: string) =>
  executeOk(sut.apollo, `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`, { user: admin, variables: { input: { title, message: `${title} & more`, userIds: [user.id] } } });

async function linkChat(user: AuthUser, chatId: number): Promise<void> {
  const link = (await executeOk<{ linkTelegram: { url: string; channel: { verified: boolean } } }>(sut.apollo, LINK, { user })).linkTelegram;
  expect(link.channel.verified).toBe(false);
  const token = /^https:\/\/t\.me\/mrt_test_bot\?start=([\w-]+)$/.exec(link.url)![1]!;
  say(chatId, `/start ${token}`);
  await waitForValue(() => to(chatId), (messages) => messages.some((m) => m.text.startsWith('Connected')));
}

describe('telegram channel', () => {
  it('links a chat through the one-time start link, then sends notifications there as HTML', async () => {
    const user = fan();
    const chatId = 7_000_001;
    await linkChat(user, chatId);
    const [channel] = (await executeOk<{ myNotificationChannels: { kind: string; verified: boolean }[] }>(sut.apollo, CHANNELS, { user })).myNotificationChannels;
    expect(channel).toMatchObject({ kind: 'TELEGRAM', verified: true });
    await broadcast(user, 'Back in stock');
    const nodes = await waitForValue(() => feed(user), (n) => n[0]?.deliveries[0]?.status === 'DELIVERED');
    expect(nodes[0]!.deliveries[0]).toMatchObject({ channel: 'TELEGRAM', providerMessageId: '2' });
    const message = to(chatId).at(-1)!;
    expect(message.parseMode).toBe('HTML');
    expect(message.text).toContain('<b>Back in stock</b>\nBack in stock &amp; more');

    // The token was single-use: another chat cannot take the channel over.
    const other = 7_000_002;
    const reused = /start=([\w-]+)/.exec((await executeOk<{ linkTelegram: { url: string } }>(sut.apollo, LINK, { user: fan() })).linkTelegram.url)![1]!;
    say(other, `/start ${reused}`);
    await waitForValue(() => to(other), (messages) => messages.length >= 1);
    say(other + 1, `/start ${reused}`);
    await waitForValue(() => to(other + 1), (messages) => messages.length >= 1);
    expect(to(other + 1)[0]!.text).toContain('already used or has expired');
  });

  it('honours retry_after on 429, and pauses a chat that blocked the bot (403) with an in-app notice', async () => {
    const user = fan();
    const chatId = 7_000_010;
    await linkChat(user, chatId);
    scripts.set(String(chatId), [
      { status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } },
      { status: 200, body: { ok: true, result: { message_id: 99 } } },
      { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } },
    ]);
    await broadcast(user, 'Limited');
    const nodes = await waitForValue(() => feed(user), (n) => n.find((node) => node.title === 'Limited')?.deliveries[0]?.status === 'DELIVERED');
    expect(nodes.find((node) => node.title === 'Limited')!.deliveries[0]).toMatchObject({ attempts: 2, providerMessageId: '99' });
    await broadcast(user, 'Blocked');
    const after = await waitForValue(() => feed(user), (n) => n.some((node) => node.kind === 'CHANNEL_PAUSED'));
    expect(after.find((node) => node.title === 'Blocked')!.deliveries[0]).toMatchObject({ status: 'FAILED', lastErrorCode: 'DESTINATION_GONE' });
    expect(after.find((node) => node.kind === 'CHANNEL_PAUSED')!.title).toBe('Telegram paused');
  });

  it('/stop pauses the chat; adding TELEGRAM by URL is refused', async () => {
    const user = fan();
    const chatId = 7_000_020;
    await linkChat(user, chatId);
    say(chatId, '/stop');
    await waitForValue(() => to(chatId), (messages) => messages.some((m) => m.text.startsWith('Paused')));
    const [channel] = (await executeOk<{ myNotificationChannels: { pauseReason: string | null }[] }>(sut.apollo, CHANNELS, { user })).myNotificationChannels;
    expect(channel!.pauseReason).toBe('UNSUBSCRIBED');
    await broadcast(user, 'Quiet');
    expect((await feed(user)).find((node) => node.title === 'Quiet')!.deliveries).toEqual([]);
    const errors = await executeErrors(sut.apollo, `mutation { addNotificationChannel(input: { kind: TELEGRAM, url: "https://t.me/x" }) { id } }`, { user });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('/list answers with the fan follows, release titles where known, and their channels in the fan language', async () => {
    const user = fan();
    const chatId = 7_000_030;
    await linkChat(user, chatId);
    const [channel] = (await executeOk<{ myNotificationChannels: { id: string }[] }>(sut.apollo, CHANNELS, { user })).myNotificationChannels;
    const release = randomUUID();
    const band = randomUUID();
    await new ReleaseProjection(sut.db.dataSource).touch(release, [band], 'Transilvanian Hunger');
    const FOLLOW = `mutation($input: FollowInput!) { follow(input: $input) { id } }`;
    await executeOk(sut.apollo, FOLLOW, { user, variables: { input: { targetType: 'RELEASE', targetId: release, channelIds: [channel!.id] } } });
    await executeOk(sut.apollo, FOLLOW, { user, variables: { input: { targetType: 'BAND', targetId: band } } });
    say(chatId, '/list');
    const english = await waitForValue(() => to(chatId), (messages) => messages.some((m) => m.text.startsWith('You follow:')));
    expect(english.find((m) => m.text.startsWith('You follow:'))!.text).toBe(`You follow:\n• release Transilvanian Hunger → telegram\n• band ${band} → default channels`);

    await executeOk(sut.apollo, `mutation { updateNotificationPreferences(input: { timeZone: "Europe/Berlin", language: "de", digestHour: 8, digestWeekday: MONDAY }) { language } }`, { user });
    say(chatId, '/list');
    const german = await waitForValue(() => to(chatId), (messages) => messages.some((m) => m.text.startsWith('Du folgst:')));
    expect(german.find((m) => m.text.startsWith('Du folgst:'))!.text).toContain(`• band ${band} → Standardkanäle`);
  });

  it('keeps to one message a second per chat: a burst waits its turn instead of provoking 429, and waiting is no attempt', async () => {
    const user = fan();
    const chatId = 7_000_040;
    await linkChat(user, chatId);
    const titles = ['Burst 1', 'Burst 2', 'Burst 3', 'Burst 4', 'Burst 5'];
    for (const title of titles) await broadcast(user, title);
    const nodes = await waitForValue(() => feed(user), (n) => n.filter((node) => titles.includes(node.title) && node.deliveries[0]?.status === 'DELIVERED').length === 5, { timeoutMs: 15_000 });
    for (const node of nodes.filter((n) => titles.includes(n.title))) expect(node.deliveries[0]!.attempts).toBe(1);
    const times = to(chatId)
      .filter((m) => m.text.includes('Burst'))
      .map((m) => m.at);
    expect(times).toHaveLength(5);
    // A little under a second for the network between the limiter's decision and the server's clock.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(950);
  });
});

describe('telegram webhook mode', () => {
  const SECRET = 'webhook-secret-0123456789';
  let hooked: TestSubgraph;
  let webhookUrl: string;

  beforeAll(async () => {
    hooked = await openTestSubgraph(notificationsSubgraph, {
      env: {
        TELEGRAM_BOT_TOKEN: BOT_TOKEN,
        TELEGRAM_BOT_USERNAME: 'mrt_test_bot',
        TELEGRAM_API_URL: apiUrl,
        TELEGRAM_WEBHOOK_URL: 'https://tracker.example/telegram/webhook',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        DELIVERY_WORKER: 'false',
      },
    });
    webhookUrl = `${await hooked.subgraph.listen(0, '127.0.0.1')}/telegram/webhook`;
  });
  afterAll(async () => {
    await hooked?.close();
  });

  const post = (secret: string, chatId: number, text: string) =>
    fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify({ update_id: nextUpdateId++, message: { chat: { id: chatId }, text } }),
    });

  it('registers the webhook with its secret, handles posts carrying it and refuses others with 401', async () => {
    // The polling instance dropped any webhook first (getUpdates is refused while one is set).
    expect(configured.map((call) => call.method)).toContain('deleteWebhook');
    expect(configured).toContainEqual({ method: 'setWebhook', body: { url: 'https://tracker.example/telegram/webhook', secret_token: SECRET, allowed_updates: ['message'] } });
    const forged = 7_000_050;
    const real = 7_000_051;
    expect((await post('wrong-secret-0123456789', forged, '/start')).status).toBe(401);
    expect((await post(SECRET, real, '/start')).status).toBe(200);
    const replies = await waitForValue(() => to(real), (messages) => messages.length === 1);
    expect(replies[0]!.text).toContain('Open the link');
    // Handled in order: the forged post had its turn before the real one and sent nothing.
    expect(to(forged)).toEqual([]);
  });
});


describe('telegram limits shared by every dispatcher worker', () => {
  let shared: TestSubgraph;
  let redis: Redis;
  const workers: DeliveryDispatcher[] = [];

  beforeAll(async () => {
    redis = createRedis(testEnv().TEST_REDIS_URL, undefined, 'spec');
    const env = {
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_BOT_USERNAME: 'mrt_test_bot',
      TELEGRAM_API_URL: apiUrl,
      TELEGRAM_POLLING: 'false',
      DELIVERY_WORKER: 'false',
      REDIS_KEY_PREFIX: `${uniqueName('spec')}:`,
    };
    shared = await openTestSubgraph(notificationsSubgraph, { env, redis });
    // Two workers on the one queue, as two instances of the service would be, each one delivery a pass.
    const parsedEnv = parseEnv(notificationsEnvSchema, { NODE_ENV: 'test', ...env });
    for (let i = 0; i < 2; i++) {
      const deps = { env: parsedEnv, dataSource: shared.db.dataSource, logger: createLogger({ name: `worker-${i}`, level: 'silent' }), guard: outboundGuardFor(parsedEnv) };
      workers.push(createDeliveryDispatcher({ ...deps, notifications: new NotificationService(shared.db.dataSource), email: null, telegram: telegramApiFor(parsedEnv), redis, batchSize: 1 }));
    }
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await shared?.close();
    redis?.disconnect();
  });

  it('two workers sending to one chat keep to one message a second between them', async () => {
    const user = fan();
    const chatId = 7_000_060;
    const telegram = new TelegramService(shared.db.dataSource, 'mrt_test_bot');
    const token = /start=([\w-]+)$/.exec((await telegram.createLink(user.id)).url)![1]!;
    expect(await telegram.handleUpdate({ update_id: nextUpdateId++, message: { chat: { id: chatId }, text: `/start ${token}` } })).toMatchObject({ text: expect.stringContaining('Connected') });
    const titles = ['Shared 1', 'Shared 2', 'Shared 3', 'Shared 4'];
    for (const title of titles) {
      await executeOk(shared.apollo, `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`, { user: admin, variables: { input: { title, message: title, userIds: [user.id] } } });
    }
    const [first, second] = workers as [DeliveryDispatcher, DeliveryDispatcher];
    // The first worker sends one; the second, with buckets of its own, would send the next at once.
    expect(await first.runOnce()).toBe(1);
    expect(await second.runOnce()).toBe(1);
    expect(to(chatId).filter((m) => m.text.includes('Shared'))).toHaveLength(1);

    for (const worker of workers) worker.start();
    const deliveredAll = async () => {
      const result = await executeOk<{ myNotifications: { edges: { node: FeedNode }[] } }>(shared.apollo, FEED, { user });
      return result.myNotifications.edges.map((edge) => edge.node).filter((node) => titles.includes(node.title));
    };
    const nodes = await waitForValue(deliveredAll, (n) => n.length === 4 && n.every((node) => node.deliveries[0]?.status === 'DELIVERED'), { timeoutMs: 20_000 });
    for (const node of nodes) expect(node.deliveries[0]!.attempts).toBe(1);
    const times = to(chatId)
      .filter((m) => m.text.includes('Shared'))
      .map((m) => m.at);
    expect(times).toHaveLength(4);
    // A little under a second for the network between Redis's decision and the server's clock.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(950);
  });
});

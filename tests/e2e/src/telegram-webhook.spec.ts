import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '@mrt/platform/testing';
import { waitForValue } from '@mrt/graphql-kit/testing';
import { WebLinkTelegramDocument, WebNotificationChannelsDocument, WebSignUpDocument } from '@mrt/operations';
import { graphql, startTestSupergraph, type TestSupergraph } from './harness.js';

/**
 * Telegram in webhook mode with TELEGRAM_WEBHOOK_URL on the gateway, the one public origin: the
 * gateway passes Telegram's posts to notifications, which answers only those carrying the secret.
 * The bot's replies reach a local server speaking the Bot API.
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
const BOT_TOKEN = '123456:webhook-e2e';
const SECRET = 'e2e-webhook-secret-0123456789';
const sent: { chatId: string; text: string }[] = [];
let api: Server;
let supergraph: TestSupergraph;
let gateway: string;
let nextUpdateId = 1;

beforeAll(async () => {
  api = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      if (request.url === `/bot${BOT_TOKEN}/sendMessage`) sent.push({ chatId: String(body.chat_id), text: String(body.text) });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: request.url?.endsWith('/sendMessage') ? { message_id: sent.length } : true }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  supergraph = await startTestSupergraph({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    seed: false,
    env: {
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_BOT_USERNAME: 'mrt_webhook_bot',
      TELEGRAM_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
      TELEGRAM_WEBHOOK_URL: 'https://tracker.example/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
  });
  gateway = supergraph.gatewayUrl.replace(/\/graphql$/, '');
}, 180_000);
afterAll(async () => {
  await supergraph?.stop();
  api?.closeAllConnections();
  api?.close();
});

const post = (secret: string, chatId: number, text: string) =>
  fetch(`${gateway}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify({ update_id: nextUpdateId++, message: { chat: { id: chatId }, text } }),
  });

describe('the Telegram webhook through the gateway', () => {
  it('refuses a post with a wrong secret (401, nothing linked or sent) and links the chat of one carrying the right secret', async () => {
    const { data } = await graphql(supergraph.gatewayUrl, WebSignUpDocument, { input: { email: 'webhook@example.com', password: 'a long passphrase', displayName: 'Hook' } });
    const auth = { authorization: `Bearer ${data!.register.accessToken}` };
    const link = (await graphql(supergraph.gatewayUrl, WebLinkTelegramDocument, {}, auth)).data!.linkTelegram;
    const token = /start=([\w-]+)$/.exec(link.url)![1]!;

    const forged = 8_000_001;
    const real = 8_000_002;
    expect((await post('wrong-secret-0123456789', forged, `/start ${token}`)).status).toBe(401);
    // No sign-in needed: Telegram has none, the secret is the proof.
    expect((await post(SECRET, real, `/start ${token}`)).status).toBe(200);
    const replies = await waitForValue(async () => sent.filter((message) => message.chatId === String(real)), (messages) => messages.length === 1);
    expect(replies[0]!.text).toContain('Connected');
    // The forged post came first: had it been handled, the one-time token would have linked its chat.
    expect(sent.filter((message) => message.chatId === String(forged))).toEqual([]);
    const channels = (await graphql(supergraph.gatewayUrl, WebNotificationChannelsDocument, {}, auth)).data!.myNotificationChannels;
    expect(channels).toEqual([expect.objectContaining({ kind: 'TELEGRAM', verified: true })]);
  });
});

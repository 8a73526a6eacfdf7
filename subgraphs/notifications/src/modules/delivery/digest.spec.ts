import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '@mrt/graphql-kit';
import { executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph, waitForValue } from '@mrt/graphql-kit/testing';
import { createLogger, parseEnv } from '@mrt/platform';
import { notificationsEnvSchema } from '../../env.js';
import { notificationsSubgraph } from '../../index.js';
import { createDeliveryDispatcher, createSubgraph, outboundGuardFor } from '../../server.js';
import { emailSettings } from '../email/email-transport.js';
import { NotificationService } from '../notification/notification.service.js';

const PUBLIC_URL = 'https://tracker.example';
const mails: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        mails.push(mail);
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});
/** Discord's webhook API: each POST is kept and answered with a message id. */
const discordPosts: { path: string; body: { embeds: { title: string; description: string; url: string }[] } }[] = [];
const discord: Server = createServer((request, response) => {
  let text = '';
  request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  request.on('end', () => {
    discordPosts.push({ path: request.url ?? '', body: JSON.parse(text) });
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `message-${discordPosts.length}` }));
  });
});

/** The subgraph's clock and the workers': moved by the specs, never waited for. */
let now = new Date('2026-12-02T05:00:00Z');
const clock = () => now;
let sut: TestSubgraph;
let baseUrl: string;
let env: Record<string, string>;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => discord.listen(0, '127.0.0.1', resolve));
  env = {
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    SMTP_FROM: 'Metal Release Tracker <alerts@tracker.example>',
    NOTIFICATIONS_PUBLIC_URL: PUBLIC_URL,
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    DISCORD_ORIGIN: `http://127.0.0.1:${(discord.address() as AddressInfo).port}`,
    // The spec's workers send, on the spec's clock.
    DELIVERY_WORKER: 'false',
  };
  sut = await openTestSubgraph({ ...notificationsSubgraph, createSubgraph: (deps) => createSubgraph(deps, { clock }) }, { env });
  baseUrl = await sut.subgraph.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await sut?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  discord.closeAllConnections();
  discord.close();
});

/** One more worker sharing the queue, as another process would. */
function worker(leaseMs?: number) {
  const parsed = parseEnv(notificationsEnvSchema, { NODE_ENV: 'test', ...env });
  const guard = outboundGuardFor(parsed);
  const email = emailSettings(parsed.SMTP_URL, parsed.SMTP_FROM);
  const dispatcher = createDeliveryDispatcher({
    env: parsed,
    dataSource: sut.db.dataSource,
    logger: createLogger({ name: 'spec', level: 'silent' }),
    guard,
    notifications: new NotificationService(sut.db.dataSource),
    email,
    telegram: null,
    leaseMs,
    clock,
  });
  return { dispatcher, close: async () => (await guard.close(), email?.transport.close()) };
}

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const admin: AuthUser = testUser(['USER', 'ADMIN']);
const PREFERENCES = `mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { timeZone language digestHour digestWeekday quietHoursStart quietHoursEnd } }`;
const UPDATE_CHANNEL = `mutation($id: ID!, $input: UpdateNotificationChannelInput!) { updateNotificationChannel(id: $id, input: $input) { id digest } }`;
const FEED = `{ myNotifications(first: 20) { edges { node { title deliveries { channel status providerMessageId nextAttemptAt lastErrorCode heldFor attempts } } } } }`;
type FeedNode = {
  title: string;
  deliveries: { channel: string; status: string; providerMessageId: string | null; nextAttemptAt: string | null; lastErrorCode: string | null; heldFor: string | null; attempts: number }[];
};

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
const mailsTo = (address: string) => mails.filter((mail) => to(mail) === address);
const feed = async (user: AuthUser) => (await executeOk<{ myNotifications: { edges: { node: FeedNode }[] } }>(sut.apollo, FEED, { user })).myNotifications.edges.map((edge) => edge.node);
const preferences = (user: AuthUser, input: Record<string, unknown>) => executeOk(sut.apollo, PREFERENCES, { user, variables: { input: { language: 'en', digestHour: 8, digestWeekday: 'MONDAY', ...input } } });

async function broadcast(user: AuthUser, title: string): Promise<void> {
  await executeOk(sut.apollo, `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`, { user: admin, variables: { input: { title, message: `${title}!`, userIds: [user.id] } } });
}

async function addChannel(user: AuthUser, input: Record<string, unknown>, digest: string): Promise<string> {
  const { id } = (await executeOk<{ addNotificationChannel: { id: string } }>(sut.apollo, `mutation($input: AddNotificationChannelInput!) { addNotificationChannel(input: $input) { id } }`, { user, variables: { input } }))
    .addNotificationChannel;
  if (input.kind === 'EMAIL') {
    const [confirmation] = await waitForValue(() => mailsTo(String(input.email)), (found) => found.length >= 1);
    const link = /https:\/\/tracker\.example\/channels\/verify\?token=[\w-]+/.exec(confirmation!.text ?? '')![0];
    expect((await fetch(link.replace(PUBLIC_URL, baseUrl))).status).toBe(200);
  }
  expect((await executeOk<{ updateNotificationChannel: { digest: string } }>(sut.apollo, UPDATE_CHANNEL, { user, variables: { id, input: { digest } } })).updateNotificationChannel.digest).toBe(digest);
  return id;
}

describe('digests', () => {
  it('sends a daily digest as one email listing what was collected, at 08:00 in the fan\'s zone and language, once for two workers', async () => {
    const user = fan();
    const address = `digest-${randomUUID().slice(0, 8)}@mail.example`;
    await preferences(user, { timeZone: 'Europe/Berlin', language: 'de' });
    await addChannel(user, { kind: 'EMAIL', email: address }, 'DAILY');
    // 06:00 in Berlin: collected for 08:00 (07:00Z).
    now = new Date('2026-12-02T05:00:00Z');
    for (const title of ['First news', 'Second news', 'Third news']) await broadcast(user, title);
    const collected = await feed(user);
    expect(collected.flatMap((n) => n.deliveries)).toEqual(Array(3).fill(expect.objectContaining({ channel: 'EMAIL', status: 'IN_DIGEST', nextAttemptAt: '2026-12-02T07:00:00.000Z' })));

    const [first, second] = [worker(), worker()];
    try {
      now = new Date('2026-12-02T06:59:59Z');
      expect(await first.dispatcher.runOnce()).toBe(0);
      now = new Date('2026-12-02T07:00:00Z');
      const taken = await Promise.all([first.dispatcher.runOnce(), second.dispatcher.runOnce()]);
      expect(taken.sort()).toEqual([0, 1]);
      expect(await second.dispatcher.runOnce()).toBe(0);
      now = new Date('2026-12-02T09:00:00Z');
      expect(await first.dispatcher.runOnce()).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
    const digests = mailsTo(address).slice(1);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('Deine tägliche Zusammenfassung: 3 Benachrichtigungen');
    expect(digests[0]!.text).toMatch(/First news[\s\S]*Second news[\s\S]*Third news/);
    expect(digests[0]!.html).toContain('In Metal Release Tracker öffnen');
    expect(digests[0]!.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const sent = (await feed(user)).flatMap((n) => n.deliveries);
    expect(sent.map((d) => d.status)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED']);
    expect(new Set(sent.map((d) => d.providerMessageId)).size).toBe(1);

    // News after 08:00 waits for tomorrow's (sent here, so the next spec's workers find an empty queue).
    await broadcast(user, 'Fourth news');
    expect((await feed(user)).find((n) => n.title === 'Fourth news')!.deliveries[0]).toMatchObject({ status: 'IN_DIGEST', nextAttemptAt: '2026-12-03T07:00:00.000Z' });
    now = new Date('2026-12-03T07:00:00Z');
    const next = worker();
    await next.dispatcher.runOnce().finally(() => next.close());
    expect(mailsTo(address).map((mail) => mail.subject).slice(2)).toEqual(['Deine tägliche Zusammenfassung: 1 Benachrichtigung']);
  });

  it('does not send a digest again after the worker that claimed it died', async () => {
    const user = fan();
    const address = `digest-${randomUUID().slice(0, 8)}@mail.example`;
    await preferences(user, { timeZone: 'UTC' });
    await addChannel(user, { kind: 'EMAIL', email: address }, 'DAILY');
    now = new Date('2026-12-05T07:00:00Z');
    await broadcast(user, 'Lost news');
    const [dying, survivor] = [worker(1_000), worker()];
    try {
      now = new Date('2026-12-06T00:00:00Z');
      expect(await dying.dispatcher.claim()).toHaveLength(1);
      // It died before recording anything; its lease runs out and the survivor takes the row over.
      now = new Date('2026-12-06T00:00:02Z');
      expect(await survivor.dispatcher.runOnce()).toBe(1);
    } finally {
      await dying.close();
      await survivor.close();
    }
    expect((await feed(user))[0]!.deliveries[0]).toMatchObject({ status: 'FAILED', lastErrorCode: 'INTERRUPTED' });
    expect(mailsTo(address)).toHaveLength(1);
  });

  it('sends a weekly Discord digest on the chosen weekday as one embed', async () => {
    const user = fan();
    await preferences(user, { timeZone: 'America/New_York', digestHour: 18, digestWeekday: 'FRIDAY' });
    const hook = `/api/webhooks/${Date.now()}/token_${randomUUID().replace(/-/g, '')}`;
    await addChannel(user, { kind: 'DISCORD', url: `${env.DISCORD_ORIGIN}${hook}` }, 'WEEKLY');
    // Monday 7 December 2026; Friday 18:00 in New York is 23:00Z.
    now = new Date('2026-12-07T12:00:00Z');
    await broadcast(user, 'Monday news');
    now = new Date('2026-12-09T12:00:00Z');
    await broadcast(user, 'Wednesday [news](https://evil.example)');
    const one = worker();
    try {
      now = new Date('2026-12-11T22:59:00Z');
      expect(await one.dispatcher.runOnce()).toBe(0);
      now = new Date('2026-12-11T23:00:00Z');
      expect(await one.dispatcher.runOnce()).toBe(1);
    } finally {
      await one.close();
    }
    const posts = discordPosts.filter((post) => post.path.startsWith(hook));
    expect(posts).toHaveLength(1);
    const [embed] = posts[0]!.body.embeds;
    expect(embed!.title).toBe('Your weekly digest: 2 notifications');
    expect(embed!.description).toContain('Monday news');
    // A shop's markdown stays text.
    expect(embed!.description).toContain('Wednesday \\[news\\]\\(https://evil.example\\)');
  });
});

describe('quiet hours', () => {
  it('hold an instant Discord message until the window ends, while the in-app feed has it at once', async () => {
    const user = fan();
    await preferences(user, { timeZone: 'America/New_York', quietHoursStart: '22:00', quietHoursEnd: '07:00' });
    const hook = `/api/webhooks/${Date.now()}/token_${randomUUID().replace(/-/g, '')}`;
    await addChannel(user, { kind: 'DISCORD', url: `${env.DISCORD_ORIGIN}${hook}` }, 'INSTANT');
    // 23:00 in New York (the clock only moves forward across the specs: nothing of theirs is due).
    now = new Date('2026-12-15T04:00:00Z');
    await broadcast(user, 'Night news');
    expect((await feed(user)).map((n) => n.title)).toEqual(['Night news']);
    const one = worker();
    try {
      expect(await one.dispatcher.runOnce()).toBe(1);
      // Held, not failed: the app can say it waits for the quiet hours to end, and until when.
      expect((await feed(user))[0]!.deliveries[0]).toMatchObject({ status: 'PENDING', heldFor: 'QUIET_HOURS', nextAttemptAt: '2026-12-15T12:00:00.000Z', attempts: 0, lastErrorCode: null });
      now = new Date('2026-12-15T11:59:00Z');
      expect(await one.dispatcher.runOnce()).toBe(0);
      expect(discordPosts.filter((post) => post.path.startsWith(hook))).toHaveLength(0);
      now = new Date('2026-12-15T12:00:00Z');
      expect(await one.dispatcher.runOnce()).toBe(1);
    } finally {
      await one.close();
    }
    expect(discordPosts.filter((post) => post.path.startsWith(hook)).map((post) => post.body.embeds[0]!.title)).toEqual(['Night news']);
    expect((await feed(user))[0]!.deliveries[0]).toMatchObject({ status: 'DELIVERED', heldFor: null });
  });
});

describe('notification preferences', () => {
  it('are the defaults until set, and read back as saved', async () => {
    const user = fan();
    const MINE = `{ myNotificationPreferences { timeZone language digestHour digestWeekday quietHoursStart quietHoursEnd updatedAt } }`;
    expect((await executeOk<{ myNotificationPreferences: unknown }>(sut.apollo, MINE, { user })).myNotificationPreferences).toEqual({
      timeZone: 'UTC',
      language: 'en',
      digestHour: 8,
      digestWeekday: 'MONDAY',
      quietHoursStart: null,
      quietHoursEnd: null,
      updatedAt: null,
    });
    await preferences(user, { timeZone: 'Europe/Berlin', language: 'de', digestHour: 7, digestWeekday: 'SUNDAY', quietHoursStart: '22:30', quietHoursEnd: '06:45' });
    expect((await executeOk<{ myNotificationPreferences: unknown }>(sut.apollo, MINE, { user })).myNotificationPreferences).toEqual({
      timeZone: 'Europe/Berlin',
      language: 'de',
      digestHour: 7,
      digestWeekday: 'SUNDAY',
      quietHoursStart: '22:30',
      quietHoursEnd: '06:45',
      updatedAt: expect.any(String),
    });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ timeZone: 'UTC', digestHour: 24 }, 'digestHour'],
    [{ timeZone: 'UTC', quietHoursStart: '25:00', quietHoursEnd: '07:00' }, 'quietHoursStart'],
    [{ timeZone: 'UTC', quietHoursStart: '22:00' }, 'quietHoursEnd'],
    [{ timeZone: 'UTC', quietHoursStart: '22:00', quietHoursEnd: '22:00' }, 'quietHoursEnd'],
    [{ timeZone: 'UTC', language: 'not a language' }, 'language'],
  ])('refuses %o naming %s, and keeps what was saved', async (input, field) => {
    const user = fan();
    const errors = await executeErrors(sut.apollo, PREFERENCES, { user, variables: { input: { language: 'en', digestHour: 8, digestWeekday: 'MONDAY', ...input } } });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: field })]);
    const mine = await executeOk<{ myNotificationPreferences: { timeZone: string } }>(sut.apollo, `{ myNotificationPreferences { timeZone } }`, { user });
    expect(mine.myNotificationPreferences.timeZone).toBe('UTC');
  });

  it("refuses a digest for someone else's channel", async () => {
    const owner = fan();
    const hook = `/api/webhooks/${Date.now()}/token_${randomUUID().replace(/-/g, '')}`;
    const id = await addChannel(owner, { kind: 'DISCORD', url: `${env.DISCORD_ORIGIN}${hook}` }, 'DAILY');
    const errors = await executeErrors(sut.apollo, UPDATE_CHANNEL, { user: fan(), variables: { id, input: { digest: 'WEEKLY' } } });
    expect(errors[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

/**
 * Notification channels benchmark: how many notifications a second the real dispatcher delivers
 * per channel (EMAIL to a real SMTP server in this process, TELEGRAM to a local Bot API server,
 * DISCORD, NTFY, WEB PUSH and WEBHOOK to local HTTP receivers), and how long an offer change takes
 * to become an email the SMTP server accepted (p50/p99).
 *
 * The notifications subgraph runs on the local PostgreSQL (its own schema, dropped after) and Redis
 * (the event bus as Redis Streams, and the providers' rate limits shared through Redis as in
 * production), with its own dispatcher. The proactive limits are set out of the way so they are not
 * what is measured: every fan has a destination of their own and gets one message per round (so
 * Telegram's one a second per chat and Discord's 5 per 2 s per webhook never bind),
 * TELEGRAM_MESSAGES_PER_SECOND is raised to 10000 and ntfy/email have no limit of ours.
 *
 * Throughput: per channel, one broadcast to that channel's fans, timed from the mutation to the
 * last arrival. Latency: offer.added events, one at a time (each for a band one email fan follows),
 * timed from publishing on the bus to the SMTP server accepting the email. Every delivery is
 * counted: a lost or a doubled one fails the run (exit code 1).
 *
 *   pnpm bench:notifications [--fans 200] [--offers 100] [--short]
 *
 * --short: 20 fans per channel and 20 offers. Every mode writes bench/.out/notifications.json.
 */
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import webpush from 'web-push';
import { createEvent, createEventBus } from '@mrt/events';
import type { AuthUser } from '@mrt/graphql-kit';
import { executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { notificationsSubgraph } from '@mrt/notifications';
import { createRedis } from '@mrt/platform';
import { testEnv, uniqueName } from '@mrt/platform/testing';
import { writeSummary } from '../shared/summary.js';
import { HttpReceivers, SmtpReceiver, type Arrival } from './receivers.js';

const { values: args } = parseArgs({ options: { short: { type: 'boolean', default: false }, fans: { type: 'string' }, offers: { type: 'string' } } });
const short = args.short!;
const config = { fansPerChannel: Number(args.fans ?? (short ? 20 : 200)), offers: Number(args.offers ?? (short ? 20 : 100)) };
const CHANNELS = ['EMAIL', 'TELEGRAM', 'DISCORD', 'NTFY', 'WEB_PUSH', 'WEBHOOK'] as const;
type Channel = (typeof CHANNELS)[number];
const BOT_TOKEN = '123456:bench-token';
const PUBLIC_URL = 'https://tracker.example';

const { TEST_REDIS_URL } = testEnv();
const keyPrefix = `${uniqueName('bench_notifications')}:`;
const http = new HttpReceivers(BOT_TOKEN);
const smtp = new SmtpReceiver();
const origin = await http.start();
const smtpUrl = await smtp.start();
const vapid = webpush.generateVAPIDKeys();
const bus = createEventBus({ redisUrl: TEST_REDIS_URL, keyPrefix });
const redis = createRedis(TEST_REDIS_URL, undefined, 'bench');
const env = {
  REDIS_KEY_PREFIX: keyPrefix,
  NOTIFICATIONS_PUBLIC_URL: PUBLIC_URL,
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  DISCORD_ORIGIN: origin,
  SMTP_URL: smtpUrl,
  SMTP_FROM: 'Bench <bench@tracker.example>',
  TELEGRAM_BOT_TOKEN: BOT_TOKEN,
  TELEGRAM_BOT_USERNAME: 'mrt_bench_bot',
  TELEGRAM_API_URL: origin,
  TELEGRAM_POLL_TIMEOUT_SECONDS: '0',
  TELEGRAM_MESSAGES_PER_SECOND: '10000',
  VAPID_PUBLIC_KEY: vapid.publicKey,
  VAPID_PRIVATE_KEY: vapid.privateKey,
  VAPID_SUBJECT: 'mailto:bench@tracker.example',
};
const t: TestSubgraph = await openTestSubgraph(notificationsSubgraph, { env, bus, redis });
const routes = await t.subgraph.listen(0, '127.0.0.1');
const admin = testUser(['USER', 'ADMIN']);

async function waitUntil<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const op = <T>(user: AuthUser, query: string, variables: Record<string, unknown> = {}) => executeOk<T>(t.apollo, query, { user, variables });
const ADD = `mutation($input: AddNotificationChannelInput!) { addNotificationChannel(input: $input) { id } }`;

/** A fan with one destination of the channel, set up the way fans do it; returns the key its deliveries arrive under. */
async function fanWith(channel: Channel, user: AuthUser, n: number): Promise<string> {
  switch (channel) {
    case 'EMAIL': {
      const address = `fan-${n}-${user.id.slice(0, 8)}@mail.example`;
      await op(user, ADD, { input: { kind: 'EMAIL', email: address } });
      const confirmation = await waitUntil('the confirmation email', () => smtp.accepted.find((mail) => mail.key === address), Boolean);
      const unfolded = confirmation!.body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const link = /https:\/\/tracker\.example\/channels\/verify\?token=[\w-]+/.exec(unfolded)![0];
      const answer = await fetch(link.replace(PUBLIC_URL, routes));
      if (answer.status !== 200) throw new Error(`confirming ${address} answered ${answer.status}`);
      return address;
    }
    case 'TELEGRAM': {
      const { linkTelegram } = await op<{ linkTelegram: { url: string } }>(user, `mutation { linkTelegram { url } }`);
      const chatId = 9_000_000 + n;
      http.say(chatId, `/start ${/start=([\w-]+)$/.exec(linkTelegram.url)![1]}`);
      return String(chatId);
    }
    case 'DISCORD': {
      const path = `/api/webhooks/${100_000 + n}/bench_${randomBytes(12).toString('hex')}`;
      await op(user, ADD, { input: { kind: 'DISCORD', url: `${origin}${path}` } });
      return path;
    }
    case 'NTFY': {
      const topic = `bench-${n}-${randomBytes(6).toString('hex')}`;
      await op(user, ADD, { input: { kind: 'NTFY', url: `${origin}/${topic}` } });
      return topic;
    }
    case 'WEB_PUSH': {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const path = `/push/${randomUUID()}`;
      await op(user, `mutation($input: WebPushSubscriptionInput!) { addWebPushSubscription(input: $input) { id } }`, {
        input: { endpoint: `${origin}${path}`, p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
      });
      return path;
    }
    case 'WEBHOOK': {
      const path = `/hook/${randomUUID()}`;
      await op(user, `mutation($url: String!) { registerWebhook(url: $url) { secret } }`, { url: `${origin}${path}` });
      return path;
    }
  }
}

/** Exactly one arrival per expected key, or the run fails: nothing lost, nothing doubled. */
function countEffects(what: string, arrivals: readonly Arrival[], keys: ReadonlySet<string>): void {
  const seen = new Map<string, number>();
  for (const arrival of arrivals) if (keys.has(arrival.key)) seen.set(arrival.key, (seen.get(arrival.key) ?? 0) + 1);
  const lost = [...keys].filter((key) => !seen.has(key)).length;
  const doubled = [...seen.values()].filter((count) => count > 1).length;
  if (lost > 0 || doubled > 0) throw new Error(`${what}: ${lost} lost and ${doubled} doubled of ${keys.size}`);
}

const arrivalsOf = (channel: Channel): Arrival[] => (channel === 'EMAIL' ? smtp.accepted : http.of(channel));
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const throughput: { channel: Channel; delivered: number; seconds: number; perSecond: number }[] = [];
let latencies: number[] = [];
try {
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`config: ${config.fansPerChannel} fans per channel, ${config.offers} offers; PostgreSQL + Redis (bus and shared rate limits)`);
  const fans = new Map<Channel, { user: AuthUser; key: string }[]>();
  for (const channel of CHANNELS) {
    const list: { user: AuthUser; key: string }[] = [];
    for (let n = 0; n < config.fansPerChannel; n++) {
      const user: AuthUser = { id: randomUUID(), roles: ['USER'], scopes: [] };
      list.push({ user, key: await fanWith(channel, user, CHANNELS.indexOf(channel) * 100_000 + n) });
    }
    fans.set(channel, list);
  }
  // The bot has linked every chat (its "Connected" answers are not counted).
  await waitUntil('every Telegram chat linked', () => op<{ myNotificationChannels: { verified: boolean }[] }>(fans.get('TELEGRAM')!.at(-1)!.user, `{ myNotificationChannels { verified } }`), (r) => r.myNotificationChannels[0]?.verified === true);

  for (const channel of CHANNELS) {
    const list = fans.get(channel)!;
    const keys = new Set(list.map((fan) => fan.key));
    const before = arrivalsOf(channel).length;
    const started = performance.now();
    await op(admin, `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`, { input: { title: `Bench ${channel}`, message: 'A release is back in stock', userIds: list.map((fan) => fan.user.id) } });
    const arrived = await waitUntil(`${channel} deliveries`, () => arrivalsOf(channel).slice(before), (a) => new Set(a.map((x) => x.key)).size >= keys.size);
    const seconds = (Math.max(...arrived.map((a) => a.at)) - started) / 1000;
    throughput.push({ channel, delivered: keys.size, seconds, perSecond: keys.size / seconds });
    console.log(`${channel}: ${keys.size} delivered in ${seconds.toFixed(2)} s = ${(keys.size / seconds).toFixed(1)}/s`);
  }

  // Offer changes to emails, one at a time, so each is timed alone rather than behind a queue.
  const emailFans = fans.get('EMAIL')!;
  const bands: { band: string; key: string }[] = [];
  for (let i = 0; i < config.offers; i++) {
    const fan = emailFans[i % emailFans.length]!;
    const band = randomUUID();
    await op(fan.user, `mutation($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: 'BAND', targetId: band, events: ['OFFER_ADDED'] } });
    bands.push({ band, key: fan.key });
  }
  latencies = [];
  for (const { band, key } of bands) {
    const before = smtp.accepted.length;
    const offerId = randomUUID();
    const event = createEvent('offer.added', {
      producer: 'releases',
      subject: `offer:${offerId}`,
      data: { offerId, releaseId: randomUUID(), bandIds: [band], distributorId: randomUUID(), format: 'LP', price: { amount: '24.90', currency: 'EUR' }, stock: 'IN_STOCK', url: 'https://shop.example/item' },
    });
    const published = performance.now();
    await bus.publish([event]);
    const [mail] = await waitUntil('the offer email', () => smtp.accepted.slice(before).filter((m) => m.key === key), (m) => m.length > 0);
    latencies.push(mail!.at - published);
  }
  console.log(`offer change to email accepted: ${latencies.length} offers, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);

  // Let anything late arrive, then count every effect: one per destination and round.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (const channel of CHANNELS) {
    const list = fans.get(channel)!;
    const broadcastArrivals = channel === 'EMAIL' ? smtp.accepted.filter((m) => /Subject: Bench EMAIL/.test(m.body)) : arrivalsOf(channel);
    countEffects(`${channel} broadcast`, broadcastArrivals, new Set(list.map((fan) => fan.key)));
  }
  const offerMails = smtp.accepted.filter((m) => !/Subject: Bench EMAIL/.test(m.body) && !/channels\/verify/.test(m.body.replace(/=\r?\n/g, '')));
  if (offerMails.length !== config.offers) throw new Error(`offer emails: ${offerMails.length} accepted for ${config.offers} offers`);
  console.log('effects: every delivery arrived exactly once');
  writeSummary('notifications', short, [
    ...throughput.map((r) => ({ case: `${r.channel}, ${r.delivered} fans`, metric: 'delivered/s', value: r.perSecond, unit: '/s' })),
    { case: 'offer change to email accepted', metric: 'p50', value: pct(latencies, 50), unit: 'ms' },
    { case: 'offer change to email accepted', metric: 'p99', value: pct(latencies, 99), unit: 'ms' },
  ]);
} finally {
  await t.close();
  await bus.close();
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await http.close();
  await smtp.close();
}

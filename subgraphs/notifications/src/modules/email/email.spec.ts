import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '@mrt/graphql-kit';
import { executeErrors, executeOk, openTestSubgraph, waitForValue, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { notificationsSubgraph } from '../../index.js';

const PUBLIC_URL = 'https://tracker.example';
const received: ParsedMail[] = [];
/** Mailboxes the server refuses with 550, as a real one does for an address that does not exist. */
const missing = new Set<string>();

// A real SMTP server in the test process; what it accepts is parsed as a mail client would.
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (missing.has(address.address)) callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
    else callback();
  },
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        received.push(mail);
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});

let sut: TestSubgraph;
let baseUrl: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  sut = await openTestSubgraph(notificationsSubgraph, {
    env: {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_FROM: 'Metal Release Tracker <alerts@tracker.example>',
      NOTIFICATIONS_PUBLIC_URL: PUBLIC_URL,
      CHANNEL_RETRY_INITIAL_MS: '10',
    },
  });
  baseUrl = await sut.subgraph.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await sut?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const admin: AuthUser = testUser(['USER', 'ADMIN']);
const ADD = `mutation($input: AddNotificationChannelInput!) { addNotificationChannel(input: $input) { id kind url verified } }`;
const CHANNELS = `{ myNotificationChannels { id kind verified pausedAt pauseReason } }`;
const FEED = `{ myNotifications(first: 20) { edges { node { kind title message deliveries { channel status lastErrorCode providerMessageId } } } } }`;


const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
const mailsTo = (address: string) => received.filter((mail) => to(mail) === address);
/** The links point at the public origin (the gateway); the spec asks the subgraph directly. */
const local = (link: string) => link.replace(PUBLIC_URL, baseUrl);
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');

async function broadcast(user: AuthUser, title: string): Promise<void> {
  await executeOk(sut.apollo, `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`, {
    user: admin,
    variables: { input: { title, message: `${title} <b>now</b>`, userIds: [user.id] } },
  });
}

type FeedNode = { kind: string; title: string; message: string; deliveries: { channel: string; status: string; lastErrorCode: string | null; providerMessageId: string | null }[] };
const feed = async (user: AuthUser) =>
  (await executeOk<{ myNotifications: { edges: { node: FeedNode }[] } }>(sut.apollo, FEED, { user })).myNotifications.edges.map((edge) => edge.node);

async function addConfirmedEmail(user: AuthUser, address: string): Promise<string> {
  const channel = (await executeOk<{ addNotificationChannel: { id: string; verified: boolean } }>(sut.apollo, ADD, { user, variables: { input: { kind: 'EMAIL', email: address } } }))
    .addNotificationChannel;
  expect(channel.verified).toBe(false);
  const [confirmation] = await waitForValue(() => mailsTo(address), (mails) => mails.length >= 1);
  const link = /https:\/\/tracker\.example\/channels\/verify\?token=[\w-]+/.exec(confirmation!.text ?? '')![0];
  expect((await fetch(local(link))).status).toBe(200);
  return link;
}

describe('email channel', () => {
  it('refuses an address that is not one, naming the field', async () => {
    const errors = await executeErrors(sut.apollo, ADD, { user: fan(), variables: { input: { kind: 'EMAIL', email: 'not an address' } } });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('sends nothing before the address is confirmed, and the confirmation link works once', async () => {
    const user = fan();
    const address = `fan-${randomUUID().slice(0, 8)}@mail.example`;
    await executeOk(sut.apollo, ADD, { user, variables: { input: { kind: 'EMAIL', email: address } } });
    const [confirmation] = await waitForValue(() => mailsTo(address), (mails) => mails.length >= 1);
    expect(confirmation!.subject).toBe('Confirm your email address for Metal Release Tracker');
    expect(confirmation!.html).toContain('/channels/verify?token=');
    await broadcast(user, 'Before');
    const link = /https:\/\/tracker\.example\/channels\/verify\?token=[\w-]+/.exec(confirmation!.text ?? '')![0];
    expect((await fetch(local(link))).status).toBe(200);
    expect((await fetch(local(link))).status).toBe(404);
    expect((await fetch(local(link.replace(/token=.*/, 'token=forged')))).status).toBe(404);
    const [channel] = (await executeOk<{ myNotificationChannels: { verified: boolean }[] }>(sut.apollo, CHANNELS, { user })).myNotificationChannels;
    expect(channel!.verified).toBe(true);
    await broadcast(user, 'After');
    await waitForValue(() => mailsTo(address), (mails) => mails.length >= 2);
    expect(mailsTo(address).map((mail) => mail.subject)).toEqual(['Confirm your email address for Metal Release Tracker', 'After']);
  });

  it('sends HTML and text with RFC 8058 one-click unsubscribe, which stops further mail', async () => {
    const user = fan();
    const address = `fan-${randomUUID().slice(0, 8)}@mail.example`;
    await addConfirmedEmail(user, address);
    await broadcast(user, 'Price drop');
    const mail = (await waitForValue(() => mailsTo(address), (mails) => mails.length >= 2))[1]!;
    expect(mail.subject).toBe('Price drop');
    expect(mail.from?.value[0]?.address).toBe('alerts@tracker.example');
    expect(mail.text).toContain('Price drop <b>now</b>');
    expect(mail.html).toContain('Price drop &lt;b&gt;now&lt;/b&gt;');
    expect(mail.html).toContain(`${PUBLIC_URL}/notifications`);
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const listUnsubscribe = header(mail, 'list-unsubscribe')!;
    const [, https, mailto] = /^<(https:\/\/tracker\.example\/channels\/unsubscribe\?token=[\w-]+)>, <(mailto:alerts@tracker\.example\?subject=unsubscribe%20[\w-]+)>$/.exec(listUnsubscribe)!;
    expect(mailto).toBeDefined();
    const nodes = await waitForValue(() => feed(user), (n) => n.find((node) => node.title === 'Price drop')?.deliveries[0]?.status === 'DELIVERED');
    expect(nodes.find((node) => node.title === 'Price drop')!.deliveries[0]!.providerMessageId).toMatch(/@metal-release-tracker>$/);

    // What a mail client's one-click does: a POST with the form body.
    const response = await fetch(local(https!), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(response.status).toBe(200);
    // A GET (a link scanner) only shows the button.
    expect(await (await fetch(local(https!))).text()).toContain('<form method="post"');
    const [channel] = (await executeOk<{ myNotificationChannels: { pausedAt: string | null; pauseReason: string | null }[] }>(sut.apollo, CHANNELS, { user })).myNotificationChannels;
    expect(channel).toMatchObject({ pauseReason: 'UNSUBSCRIBED', pausedAt: expect.any(String) });
    await broadcast(user, 'Not sent');
    // Nothing was queued for the unsubscribed address: the notification has no delivery at all.
    expect((await feed(user)).find((node) => node.title === 'Not sent')!.deliveries).toEqual([]);
  });

  it('pauses an address whose mailbox the server refuses (550) and tells the fan', async () => {
    const user = fan();
    const address = `gone-${randomUUID().slice(0, 8)}@mail.example`;
    await addConfirmedEmail(user, address);
    missing.add(address);
    await broadcast(user, 'Bounced');
    const nodes = await waitForValue(() => feed(user), (n) => n.some((node) => node.kind === 'CHANNEL_PAUSED'));
    expect(nodes.find((node) => node.title === 'Bounced')!.deliveries[0]).toMatchObject({ channel: 'EMAIL', status: 'FAILED', lastErrorCode: 'DESTINATION_GONE' });
    expect(nodes.find((node) => node.kind === 'CHANNEL_PAUSED')!.title).toBe(`Email to ${address} paused`);
  });
});

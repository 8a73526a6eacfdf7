import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, subjects, type EventDataInput } from '@mrt/events';
import type { AuthUser } from '@mrt/graphql-kit';
import { deliverEvents, executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { sweepPersonalData } from '@mrt/platform/testing';
import { notificationsSubgraph } from '../../index.js';
import { SmtpInbox } from '../../testing/smtp-inbox.js';

const inbox = new SmtpInbox();

let sut: TestSubgraph;
beforeAll(async () => {
  const smtpUrl = await inbox.start();
  sut = await openTestSubgraph(notificationsSubgraph, {
    env: { SMTP_URL: smtpUrl, SMTP_FROM: 'Metal Release Tracker <alerts@tracker.example>', NOTIFICATIONS_PUBLIC_URL: 'https://tracker.example' },
  });
});
afterAll(async () => {
  await sut?.close();
  await inbox.close();
});

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
function linkEvent(type: 'user.email.verification.requested' | 'user.password.reset.requested', data: EventDataInput<typeof type>) {
  return createEvent(type, { producer: 'users', subject: subjects.user(data.userId), data });
}
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('account emails', () => {
  it('mails a password reset link at once, in English by default, with no unsubscribe', async () => {
    const user = fan();
    const link = `https://tracker.example/reset-password?token=${'r'.repeat(43)}`;
    await deliverEvents(sut, linkEvent('user.password.reset.requested', { userId: user.id, email: 'forgot@example.com', link, expiresAt: inMinutes(30) }));
    const mail = await inbox.mailTo('forgot@example.com', /password/);
    expect(mail.subject).toBe('Reset your password');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('for 30 minutes');
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.headers.get('list-unsubscribe')).toBeUndefined();
  });

  it('writes the verification mail in the fan’s language, quiet hours or not', async () => {
    const user = fan();
    // Quiet all day long: an account email does not wait for it.
    await executeOk(sut.apollo, `mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { language } }`, {
      variables: { input: { timeZone: 'Europe/Berlin', language: 'de', digestHour: 8, digestWeekday: 'MONDAY', quietHoursStart: '00:00', quietHoursEnd: '23:59' } },
      user,
    });
    const link = `https://tracker.example/verify-email?token=${'v'.repeat(43)}`;
    await deliverEvents(sut, linkEvent('user.email.verification.requested', { userId: user.id, email: 'neu@example.com', link, expiresAt: inMinutes(24 * 60) }));
    const mail = await inbox.mailTo('neu@example.com', /E-Mail-Adresse/);
    expect(mail.subject).toBe('Bestätige deine E-Mail-Adresse');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('24 Stunden lang');
  });
});

describe('a deleted account', () => {
  async function holdEverything(user: AuthUser): Promise<void> {
    const query = (sql: string, parameters: unknown[]) => sut.db.dataSource.query(sql, parameters);
    await executeOk(sut.apollo, `mutation($input: FollowInput!) { follow(input: $input) { id } }`, { variables: { input: { targetType: 'BAND', targetId: randomUUID() } }, user });
    const channel = await executeOk<{ addNotificationChannel: { id: string } }>(
      sut.apollo,
      `mutation($input: AddNotificationChannelInput!) { addNotificationChannel(input: $input) { id } }`,
      { variables: { input: { kind: 'EMAIL', email: `${user.id}@example.com` } }, user },
    );
    await executeOk(sut.apollo, `mutation { createFeedUrl(kind: ATOM) }`, { user });
    await executeOk(sut.apollo, `mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { language } }`, {
      variables: { input: { timeZone: 'UTC', language: 'en', digestHour: 8, digestWeekday: 'MONDAY' } },
      user,
    });
    // Fixtures for what only events and workers write: a notification with its delivery, a webhook, a digest.
    const [notification] = await query(`INSERT INTO notification (user_id, event_id, kind, title, message) VALUES ($1, $2, 'ADMIN_BROADCAST', 't', 'm') RETURNING id`, [user.id, randomUUID()]);
    const [webhook] = await query(`INSERT INTO webhook (user_id, url, secret) VALUES ($1, 'https://hooks.example/x', 's') RETURNING id`, [user.id]);
    await query(`INSERT INTO notification_delivery (notification_id, channel, destination_id) VALUES ($1, 'WEBHOOK', $2)`, [notification.id, webhook.id]);
    await query(`INSERT INTO notification_delivery (channel, destination_id, digest_due_at, digest_frequency) VALUES ('EMAIL', $1, now(), 'DAILY')`, [channel.addNotificationChannel.id]);
  }

  it('leaves nothing of the fan in any table, and the other fans’ data as it was', async () => {
    const leaving = fan();
    const staying = fan();
    await holdEverything(leaving);
    await holdEverything(staying);
    const query = (sql: string, parameters: unknown[]) => sut.db.dataSource.query(sql, parameters);
    const before = await sweepPersonalData(query, sut.db.schema, leaving.id);
    expect(before.remaining.length).toBeGreaterThanOrEqual(6);
    const stayingBefore = await sweepPersonalData(query, sut.db.schema, staying.id);
    const destinations = async (user: AuthUser) =>
      (await query(
        `SELECT 1 FROM notification_delivery WHERE destination_id IN (SELECT id FROM notification_channel WHERE user_id = $1 UNION SELECT id FROM webhook WHERE user_id = $1)
         OR notification_id IN (SELECT id FROM notification WHERE user_id = $1)`,
        [user.id],
      )) as unknown[];
    const deliveriesOfStaying = (await destinations(staying)).length;

    const deletedDeliveries: unknown[] = await query(
      `SELECT d.id FROM notification_delivery d WHERE destination_id IN (SELECT id FROM notification_channel WHERE user_id = $1 UNION SELECT id FROM webhook WHERE user_id = $1)`,
      [leaving.id],
    );
    expect(deletedDeliveries.length).toBe(2);
    await deliverEvents(sut, createEvent('user.deleted', { producer: 'users', subject: subjects.user(leaving.id), data: { userId: leaving.id, deletedAt: new Date().toISOString() } }));

    const after = await sweepPersonalData(query, sut.db.schema, leaving.id);
    expect(after.checked).toEqual(before.checked);
    expect(after.remaining).toEqual([]);
    // Deliveries name no user: they went with the fan's channels, webhooks and notifications.
    const leftover: unknown[] = await query(`SELECT 1 FROM notification_delivery WHERE id = ANY($1::uuid[])`, [deletedDeliveries.map((row) => (row as { id: string }).id)]);
    expect(leftover).toHaveLength(0);
    expect(await sweepPersonalData(query, sut.db.schema, staying.id)).toEqual(stayingBefore);
    expect((await destinations(staying)).length).toBe(deliveriesOfStaying);
  });
});

import { describe, expect, it } from 'vitest';
import { channelDestination, channelStatus, chosenChannels, deliveryChannelLabel, deliveryStatus, followChannelIds, pauseReasonText, type Delivery } from './channels';

const channel = { verified: true, pausedAt: null, pauseReason: null, consecutiveFailures: 0 };
const time = (iso: string) => `at(${iso})`;
const delivery = (patch: Partial<Delivery>): Delivery => ({
  id: 'd1',
  channel: 'DISCORD',
  destinationId: 'c1',
  status: 'PENDING',
  attempts: 0,
  lastStatusCode: null,
  lastErrorCode: null,
  lastError: null,
  sentAt: null,
  nextAttemptAt: null,
  heldFor: null,
  ...patch,
});

describe('channel destinations', () => {
  it('never shows a Discord webhook token, an ntfy topic or a push endpoint whole', () => {
    const discord = channelDestination({ kind: 'DISCORD', url: 'https://discord.com/api/webhooks/123456789012/SECRET-token_abcdefghijklmnop', verified: true });
    expect(discord).toBe('discord.com · webhook …9012');
    expect(channelDestination({ kind: 'DISCORD', url: 'https://discord.com/api/v10/webhooks/5550001/tok', verified: true })).toBe('discord.com · webhook …0001');
    expect(channelDestination({ kind: 'NTFY', url: 'https://ntfy.sh/my-secret-topic', verified: true })).toBe('ntfy.sh/my-s…');
    expect(channelDestination({ kind: 'NTFY', url: 'https://ntfy.sh/abc', verified: true })).toBe('ntfy.sh/…');
    expect(channelDestination({ kind: 'WEB_PUSH', url: 'https://fcm.googleapis.com/fcm/send/capability-token', verified: true })).toBe('Push service fcm.googleapis.com');
    expect(channelDestination({ kind: 'DISCORD', url: 'not a url', verified: true })).toBe('Discord webhook');
  });

  it('shows the fan their own address, and whether Telegram is linked', () => {
    expect(channelDestination({ kind: 'EMAIL', url: 'fan@example.com', verified: false })).toBe('fan@example.com');
    expect(channelDestination({ kind: 'TELEGRAM', url: 'pending:abc', verified: false })).toBe('Not linked yet');
    expect(channelDestination({ kind: 'TELEGRAM', url: '424242', verified: true })).toBe('Telegram chat');
  });
});

describe('channel status', () => {
  it('puts a pause first, with its reason in words', () => {
    expect(channelStatus({ ...channel, kind: 'DISCORD', url: '', pausedAt: '2026-01-01T00:00:00Z', pauseReason: 'DESTINATION_GONE' })).toEqual({
      tone: 'paused',
      text: 'Paused: the destination no longer exists',
    });
    expect(pauseReasonText('HTTP_403')).toBe('the service kept answering HTTP 403');
    expect(pauseReasonText('SOMETHING_NEW')).toBe('something new');
    expect(pauseReasonText(null)).toBe('too many failed deliveries');
  });

  it('tells an unconfirmed address or an unlinked chat apart from a working channel', () => {
    expect(channelStatus({ ...channel, kind: 'EMAIL', url: 'a@b.c', verified: false }).text).toMatch(/^Waiting for confirmation/);
    expect(channelStatus({ ...channel, kind: 'TELEGRAM', url: 'pending:x', verified: false }).text).toMatch(/press Start/);
    expect(channelStatus({ ...channel, kind: 'NTFY', url: '' })).toEqual({ tone: 'ok', text: 'Active' });
    expect(channelStatus({ ...channel, kind: 'NTFY', url: '', consecutiveFailures: 1 }).text).toBe('Active · the last delivery failed');
    expect(channelStatus({ ...channel, kind: 'NTFY', url: '', consecutiveFailures: 3 }).text).toBe('Active · the last 3 deliveries failed');
  });
});

describe('delivery status', () => {
  it('says sent, pending, retrying with the next attempt and why, or failed with the error', () => {
    expect(deliveryStatus(delivery({ status: 'DELIVERED', attempts: 1, sentAt: '2026-01-01T00:00:00Z' }), time)).toEqual({ tone: 'sent', text: 'sent' });
    expect(deliveryStatus(delivery({}), time)).toEqual({ tone: 'pending', text: 'pending' });
    expect(deliveryStatus(delivery({ attempts: 2, nextAttemptAt: '2026-01-01T00:05:00Z', lastStatusCode: 500, lastErrorCode: 'HTTP_500' }), time)).toEqual({
      tone: 'pending',
      text: 'retrying at at(2026-01-01T00:05:00Z) (HTTP_500)',
    });
    expect(deliveryStatus(delivery({ attempts: 1, lastStatusCode: 502 }), time).text).toBe('retrying (HTTP 502)');
    expect(deliveryStatus(delivery({ status: 'FAILED', attempts: 6, lastErrorCode: 'TIMEOUT', lastError: 'no answer in 10 s' }), time)).toEqual({
      tone: 'failed',
      text: 'failed: no answer in 10 s',
    });
    expect(deliveryStatus(delivery({ status: 'SKIPPED' }), time).tone).toBe('failed');
    const clock = (iso: string) => `clock(${iso})`;
    expect(deliveryStatus(delivery({ heldFor: 'QUIET_HOURS', nextAttemptAt: '2026-01-02T06:00:00Z' }), time, clock)).toEqual({
      tone: 'pending',
      text: 'waiting for quiet hours to end (until clock(2026-01-02T06:00:00Z))',
    });
    // A rate limit's short wait is no news for the fan: pending, as before.
    expect(deliveryStatus(delivery({ heldFor: 'RATE_LIMIT', nextAttemptAt: '2026-01-02T06:00:01Z' }), time, clock).text).toBe('pending');
    expect(deliveryStatus(delivery({ status: 'IN_DIGEST', nextAttemptAt: '2026-01-02T07:00:00Z' }), time)).toEqual({ tone: 'pending', text: `in the digest at ${time('2026-01-02T07:00:00Z')}` });
  });

  it('names channels, webhooks included', () => {
    expect(deliveryChannelLabel('WEB_PUSH')).toBe('Browser push');
    expect(deliveryChannelLabel('WEBHOOK')).toBe('Webhook');
    expect(deliveryChannelLabel('CARRIER_PIGEON')).toBe('CARRIER_PIGEON');
  });
});

describe('a follow’s channel choice', () => {
  it('sends nothing chosen as null (the defaults), and drops channels that are gone', () => {
    expect(followChannelIds([])).toBeNull();
    expect(followChannelIds(['a', 'b'])).toEqual(['a', 'b']);
    expect(chosenChannels(['a', 'gone'], [{ id: 'a' }, { id: 'b' }])).toEqual(['a']);
    expect(chosenChannels(null, [{ id: 'a' }])).toEqual([]);
  });
});

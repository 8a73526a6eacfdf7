import type { NotificationChannelKind, WebChannelFieldsFragment, WebNotificationsQuery } from '@mrt/operations';
import { CHANNEL_KIND_LABELS, isOneOf } from './enums';

type Channel = Pick<WebChannelFieldsFragment, 'kind' | 'url' | 'verified' | 'pausedAt' | 'pauseReason' | 'consecutiveFailures'>;
export type Delivery = WebNotificationsQuery['myNotifications']['edges'][number]['node']['deliveries'][number];

const CHANNEL_KINDS = Object.keys(CHANNEL_KIND_LABELS) as NotificationChannelKind[];

/** Deliveries name their channel as a string, webhooks included. */
export function deliveryChannelLabel(channel: string): string {
  if (isOneOf(CHANNEL_KINDS, channel)) return CHANNEL_KIND_LABELS[channel];
  return channel === 'WEBHOOK' ? 'Webhook' : channel;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** Enough of a secret to recognise it, never enough to use it. */
function hint(secret: string, shown = 4): string {
  return secret.length <= shown ? '…' : `${secret.slice(0, shown)}…`;
}

/**
 * Where a channel sends, without its secrets: a Discord webhook's token and a push endpoint's
 * path let anyone post, an ntfy topic lets anyone read, so the page never shows them whole
 * (screens get shared, shoulders get looked over).
 */
export function channelDestination(channel: Pick<Channel, 'kind' | 'url' | 'verified'>): string {
  const url = parseUrl(channel.url);
  switch (channel.kind) {
    case 'EMAIL':
      return channel.url;
    case 'TELEGRAM':
      return channel.verified ? 'Telegram chat' : 'Not linked yet';
    case 'DISCORD': {
      const parts = url?.pathname.split('/').filter(Boolean) ?? [];
      const id = parts[parts.indexOf('webhooks') + 1];
      return url ? `${url.host} · webhook${parts.includes('webhooks') && id ? ` …${id.slice(-4)}` : ''}` : 'Discord webhook';
    }
    case 'NTFY': {
      const topic = url?.pathname.split('/').filter(Boolean).pop();
      return url ? `${url.host}/${hint(topic ?? '')}` : 'ntfy topic';
    }
    case 'WEB_PUSH':
      return url ? `Push service ${url.host}` : 'A browser';
  }
}

const PAUSE_REASONS: Record<string, string> = {
  DESTINATION_GONE: 'the destination no longer exists',
  RATE_LIMITED: 'the service kept refusing (rate limited)',
  UNAUTHORIZED: 'the service refused our access',
  UNSUBSCRIBED: 'you unsubscribed through the email link',
  BLOCKED: 'the bot was blocked in Telegram',
  TIMEOUT: 'the service did not answer in time',
};

export function pauseReasonText(reason: string | null): string {
  if (!reason) return 'too many failed deliveries';
  return PAUSE_REASONS[reason] ?? (/^HTTP_\d{3}$/.test(reason) ? `the service kept answering ${reason.replace('_', ' ')}` : reason.toLowerCase().replace(/_/g, ' '));
}

export interface ChannelStatus {
  tone: 'ok' | 'waiting' | 'paused';
  text: string;
}

/** What the fan should know about a channel first: paused, waiting for them, or working. */
export function channelStatus(channel: Channel): ChannelStatus {
  if (channel.pausedAt) return { tone: 'paused', text: `Paused: ${pauseReasonText(channel.pauseReason)}` };
  if (!channel.verified) {
    if (channel.kind === 'EMAIL') return { tone: 'waiting', text: 'Waiting for confirmation: open the link we emailed' };
    if (channel.kind === 'TELEGRAM') return { tone: 'waiting', text: 'Waiting for you to press Start in Telegram' };
    return { tone: 'waiting', text: 'Not verified yet' };
  }
  const failures = channel.consecutiveFailures;
  if (failures > 0) return { tone: 'ok', text: `Active · the last ${failures === 1 ? 'delivery' : `${failures} deliveries`} failed` };
  return { tone: 'ok', text: 'Active' };
}

export type DeliveryTone = 'sent' | 'pending' | 'failed';

/**
 * One delivery in a few words: "sent", "retrying at 14:05 (HTTP 500)", "failed: gone", "waiting for
 * quiet hours to end (until 07:00)". `formatClock` gives the time of day alone (quiet hours end
 * within a day).
 */
export function deliveryStatus(delivery: Delivery, formatTime: (iso: string) => string, formatClock: (iso: string) => string = formatTime): { tone: DeliveryTone; text: string } {
  const why = delivery.lastError ?? delivery.lastErrorCode ?? (delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : null);
  switch (delivery.status) {
    case 'DELIVERED':
      return { tone: 'sent', text: 'sent' };
    case 'SENDING':
      return { tone: 'pending', text: 'sending' };
    case 'PENDING':
      // Held back, not failed: the fan's own quiet hours.
      if (delivery.heldFor === 'QUIET_HOURS') return { tone: 'pending', text: `waiting for quiet hours to end${delivery.nextAttemptAt ? ` (until ${formatClock(delivery.nextAttemptAt)})` : ''}` };
      if (delivery.attempts === 0) return { tone: 'pending', text: 'pending' };
      return {
        tone: 'pending',
        text: `${delivery.nextAttemptAt ? `retrying at ${formatTime(delivery.nextAttemptAt)}` : 'retrying'}${why ? ` (${why})` : ''}`,
      };
    case 'IN_DIGEST':
      return { tone: 'pending', text: delivery.nextAttemptAt ? `in the digest at ${formatTime(delivery.nextAttemptAt)}` : 'in the next digest' };
    case 'SKIPPED':
      return { tone: 'failed', text: 'skipped: the channel is paused' };
    case 'FAILED':
      return { tone: 'failed', text: `failed${why ? `: ${why}` : ''}` };
    default:
      return { tone: 'pending', text: delivery.status.toLowerCase() };
  }
}

/** The follow's channel choice as updateFollow takes it: nothing chosen means the defaults. */
export function followChannelIds(chosen: readonly string[]): string[] | null {
  return chosen.length > 0 ? [...chosen] : null;
}

/** A follow's chosen channels that still exist (a removed channel drops out of the choice). */
export function chosenChannels(channelIds: readonly string[] | null | undefined, channels: readonly { id: string }[]): string[] {
  const existing = new Set(channels.map((channel) => channel.id));
  return (channelIds ?? []).filter((id) => existing.has(id));
}

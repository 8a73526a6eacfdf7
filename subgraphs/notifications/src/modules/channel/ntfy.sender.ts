import type { RateBucket, RateLimit } from '../../domain/rate-limiter.js';
import type { OutboundGuard } from '@mrt/platform';
import { retryAfterMs } from '../../domain/retry-after.js';
import { phrasesFor } from '../../domain/delivery-phrases.js';
import { joinWithin } from '../../domain/digest-text.js';
import type { ChannelSender, DeliveryMessage, DigestMessage, RetryPolicy, SendOutcome } from '../delivery/channel-sender.js';
import { httpFailure, sendThroughGuard } from '../delivery/http-send.js';
import { ChannelDestinations, type ChannelDestination } from './notification-channel.store.js';

/** ntfy shows tags that are emoji short codes as emoji before the title. */
const TAGS: Record<string, string[]> = {
  PRICE_DROP: ['chart_with_downwards_trend'],
  PRICE_INCREASE: ['chart_with_upwards_trend'],
  BACK_IN_STOCK: ['package'],
  OFFER_ADDED: ['shopping_cart'],
  RELEASE_ANNOUNCED: ['loudspeaker'],
  RELEASE_OUT_TODAY: ['cd'],
};
/** Things a fan may want to act on at once ring louder (ntfy priorities 1..5, 3 is default). */
const PRIORITY: Record<string, number> = { PRICE_DROP: 4, BACK_IN_STOCK: 4 };

/**
 * Publishes to the fan's ntfy topic with ntfy's JSON publishing (POST to the server's root with
 * the topic in the body), so titles in any script need no header encoding. Not idempotent.
 */
export class NtfySender implements ChannelSender<ChannelDestination> {
  readonly channel = 'NTFY';
  readonly idempotent = false;
  readonly waitsForQuietHours = true;
  readonly destinations = new ChannelDestinations('NTFY', (row) => `ntfy topic ${row.label ?? new URL(row.target).pathname.split('/').pop()}`);

  rateBuckets(destination: ChannelDestination): RateBucket[] {
    return this.rateLimit ? [{ key: `ntfy:${new URL(destination.target).origin}`, limit: this.rateLimit }] : [];
  }

  constructor(
    private readonly guard: OutboundGuard,
    readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
    /** The ntfy server's limit per topic URL's server; null: none. */
    private readonly rateLimit: RateLimit | null = null,
  ) {}

  send(destination: ChannelDestination, message: DeliveryMessage): Promise<SendOutcome> {
    return this.publish(destination, (topic) => ntfyPayload(topic, message));
  }

  sendDigest(destination: ChannelDestination, digest: DigestMessage): Promise<SendOutcome> {
    return this.publish(destination, (topic) => ntfyDigestPayload(topic, digest));
  }

  private publish(destination: ChannelDestination, payload: (topic: string) => Record<string, unknown>): Promise<SendOutcome> {
    const { server, topic } = ntfyTopicOf(destination.target);
    const body = JSON.stringify(payload(topic));
    return sendThroughGuard(this.guard, server, { headers: { 'content-type': 'application/json', 'user-agent': 'metal-release-tracker/1' }, body }, this.timeoutMs, async (response) => {
      if (response.ok) {
        const answer = (await response.json().catch(() => null)) as { id?: unknown } | null;
        return { delivered: true, statusCode: response.status, providerMessageId: typeof answer?.id === 'string' ? answer.id : null };
      }
      if (response.status === 401 || response.status === 403) {
        return { delivered: false, errorCode: 'DESTINATION_GONE', error: `the ntfy server refused the topic (HTTP ${response.status})`, statusCode: response.status, retryable: false, pauseDestination: true };
      }
      return httpFailure(response, retryAfterMs(response.headers.get('retry-after'), new Date()));
    });
  }
}

/** A topic URL `https://ntfy.sh/my-topic` (or under a self-hosted path): the server root and the topic. */
export function ntfyTopicOf(target: string): { server: string; topic: string } {
  const url = new URL(target);
  const segments = url.pathname.split('/').filter(Boolean);
  const topic = segments.pop() ?? '';
  url.pathname = segments.length > 0 ? `/${segments.join('/')}/` : '/';
  url.search = '';
  return { server: url.toString(), topic };
}

export function ntfyPayload(topic: string, message: DeliveryMessage): Record<string, unknown> {
  return {
    topic,
    title: message.title,
    message: message.message,
    tags: TAGS[message.kind] ?? ['guitar'],
    priority: PRIORITY[message.kind] ?? 3,
    click: message.link,
  };
}

/** ntfy keeps messages up to 4096 bytes as text; a digest is cut between notifications below that. */
const MAX_DIGEST_CHARS = 3_000;

export function ntfyDigestPayload(topic: string, digest: DigestMessage): Record<string, unknown> {
  const phrases = phrasesFor(digest.language);
  return {
    topic,
    title: phrases.digestSubject(digest.frequency, digest.items.length),
    message: joinWithin(
      digest.items.map((item) => `• ${item.title}`),
      MAX_DIGEST_CHARS,
      '\n',
      phrases.andMore,
    ),
    tags: ['newspaper'],
    priority: 3,
    click: digest.link,
  };
}

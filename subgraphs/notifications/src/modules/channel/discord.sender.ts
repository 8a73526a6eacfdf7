import type { RateBucket } from '../../domain/rate-limiter.js';
import type { OutboundGuard } from '@mrt/platform';
import { retryAfterMs } from '../../domain/retry-after.js';
import { kindLabel, phrasesFor } from '../../domain/delivery-phrases.js';
import { joinWithin } from '../../domain/digest-text.js';
import type { ChannelSender, DeliveryMessage, DigestMessage, RetryPolicy, SendOutcome } from '../delivery/channel-sender.js';
import { httpFailure, sendThroughGuard } from '../delivery/http-send.js';
import { ChannelDestinations, type ChannelDestination } from './notification-channel.store.js';

/** Embed colours by what happened: good news green, bad news grey, the rest the site's red. */
const COLORS: Record<string, number> = { PRICE_DROP: 0x2e7d32, BACK_IN_STOCK: 0x2e7d32, OFFER_REMOVED: 0x757575, PRICE_INCREASE: 0x757575 };
const DEFAULT_COLOR = 0xb71c1c;

/** Discord limits (embed title 256, description 4096); longer text is cut, never refused. */
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Posts an embed to the fan's own Discord webhook. Not idempotent (webhooks take no nonce), so an
 * interrupted send is not repeated. `?wait=true` makes Discord answer with the message, whose id is
 * logged; 429 waits for its retry_after; 404 means the webhook was deleted and 401/403 that its token
 * is no longer valid: both pause the channel.
 */
export class DiscordSender implements ChannelSender<ChannelDestination> {
  readonly channel = 'DISCORD';
  readonly idempotent = false;
  readonly waitsForQuietHours = true;
  readonly destinations = new ChannelDestinations('DISCORD', (row) => (row.label ? `Discord (${row.label})` : 'Discord'));

  /** Discord's webhook limit: 5 requests per 2 seconds per webhook. */
  rateBuckets(destination: ChannelDestination): RateBucket[] {
    return [{ key: `discord:${destination.target}`, limit: { count: 5, perMs: 2_000 } }];
  }

  constructor(
    private readonly guard: OutboundGuard,
    readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
  ) {}

  send(destination: ChannelDestination, message: DeliveryMessage): Promise<SendOutcome> {
    return this.post(destination, discordPayload(message));
  }

  sendDigest(destination: ChannelDestination, digest: DigestMessage): Promise<SendOutcome> {
    return this.post(destination, discordDigestPayload(digest));
  }

  private post(destination: ChannelDestination, payload: Record<string, unknown>): Promise<SendOutcome> {
    const body = JSON.stringify(payload);
    const url = new URL(destination.target);
    url.searchParams.set('wait', 'true');
    return sendThroughGuard(this.guard, url.toString(), { headers: { 'content-type': 'application/json', 'user-agent': 'metal-release-tracker/1' }, body }, this.timeoutMs, async (response) => {
      if (response.ok) {
        const answer = (await response.json().catch(() => null)) as { id?: unknown } | null;
        return { delivered: true, statusCode: response.status, providerMessageId: typeof answer?.id === 'string' ? answer.id : null };
      }
      if (response.status === 404 || response.status === 401 || response.status === 403) {
        return {
          delivered: false,
          errorCode: 'DESTINATION_GONE',
          error: response.status === 404 ? 'the Discord webhook was deleted (HTTP 404)' : `Discord refused the webhook token (HTTP ${response.status})`,
          statusCode: response.status,
          retryable: false,
          pauseDestination: true,
        };
      }
      const answer = response.status === 429 ? ((await response.json().catch(() => null)) as { retry_after?: unknown } | null) : null;
      return httpFailure(response, retryAfterMs(response.headers.get('retry-after'), new Date(), { bodySeconds: answer?.retry_after }));
    });
  }
}

/** Shop text inside a markdown description must not turn into links, bold or spoilers. */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_~|[\]()<>#-]/g, (c) => `\\${c}`);

export function discordPayload(message: DeliveryMessage): Record<string, unknown> {
  const phrases = phrasesFor(message.language);
  return {
    username: 'Metal Release Tracker',
    // A title from a shop's catalogue must never ping a whole server.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: cut(message.title, 256),
        description: cut(message.message, 4096),
        url: message.link,
        color: COLORS[message.kind] ?? DEFAULT_COLOR,
        timestamp: new Date(message.createdAt).toISOString(),
        fields: [
          { name: phrases.what, value: kindLabel(phrases, message.kind), inline: true },
          ...(message.offer ? [{ name: phrases.format, value: message.offer.format, inline: true }] : []),
          ...(message.offer?.price ? [{ name: phrases.price, value: `${message.offer.price.amount} ${message.offer.price.currency}`, inline: true }] : []),
        ],
      },
    ],
  };
}

/** A digest as one embed: a linked line per notification, cut between them to fit Discord's limit. */
export function discordDigestPayload(digest: DigestMessage): Record<string, unknown> {
  const phrases = phrasesFor(digest.language);
  const items = digest.items.map((item) => `**[${escapeMarkdown(cut(item.title, 200))}](${item.link})**\n${escapeMarkdown(cut(item.message, 500))}`);
  return {
    username: 'Metal Release Tracker',
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: cut(phrases.digestSubject(digest.frequency, digest.items.length), 256),
        url: digest.link,
        description: joinWithin(items, 4096, '\n\n', phrases.andMore),
        color: DEFAULT_COLOR,
        timestamp: new Date(digest.items[digest.items.length - 1]!.createdAt).toISOString(),
      },
    ],
  };
}

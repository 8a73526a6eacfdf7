import type { RateBucket } from '../../domain/rate-limiter.js';
import { retryAfterMs } from '../../domain/retry-after.js';
import { phrasesFor } from '../../domain/delivery-phrases.js';
import { joinWithin } from '../../domain/digest-text.js';
import type { ChannelSender, DeliveryMessage, DigestMessage, RetryPolicy, SendOutcome } from '../delivery/channel-sender.js';
import { ChannelDestinations, type ChannelDestination } from '../channel/notification-channel.store.js';
import type { TelegramApi } from './telegram-api.js';

const escapeHtml = (text: string) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
/** Telegram refuses messages over 4096 characters. */
const MAX_TEXT = 4_096;

export function telegramText(message: DeliveryMessage): string {
  const open = `<a href="${escapeHtml(message.link)}">${escapeHtml(phrasesFor(message.language).openInApp)}</a>`;
  const text = `<b>${escapeHtml(message.title)}</b>\n${escapeHtml(message.message)}\n${open}`;
  return text.length <= MAX_TEXT ? text : `<b>${escapeHtml(message.title.slice(0, 200))}</b>\n${open}`;
}

/** A digest as one message: a line per notification linking to it, cut between them to fit. */
export function telegramDigestText(digest: DigestMessage): string {
  const phrases = phrasesFor(digest.language);
  const head = `<b>${escapeHtml(phrases.digestSubject(digest.frequency, digest.items.length))}</b>`;
  const open = `<a href="${escapeHtml(digest.link)}">${escapeHtml(phrases.openInApp)}</a>`;
  const items = digest.items.map((item) => `• <a href="${escapeHtml(item.link)}">${escapeHtml(item.title.slice(0, 300))}</a>\n${escapeHtml(item.message.slice(0, 600))}`);
  return `${head}\n\n${joinWithin(items, MAX_TEXT - head.length - open.length - 4, '\n\n', (left) => escapeHtml(phrases.andMore(left)))}\n\n${open}`;
}

/**
 * sendMessage to the linked chat. 429 waits for `parameters.retry_after`; 403 (the fan blocked
 * the bot) and 400 "chat not found" pause the channel. Not idempotent.
 */
export class TelegramSender implements ChannelSender<ChannelDestination> {
  readonly channel = 'TELEGRAM';
  readonly idempotent = false;
  readonly waitsForQuietHours = true;
  readonly destinations = new ChannelDestinations('TELEGRAM', () => 'Telegram');

  /** Telegram's published limits: about 30 messages a second per bot (configurable), one a second per chat. */
  rateBuckets(destination: ChannelDestination): RateBucket[] {
    return [
      { key: 'telegram', limit: { count: this.messagesPerSecond, perMs: 1_000 } },
      { key: `telegram:${destination.target}`, limit: { count: 1, perMs: 1_000 } },
    ];
  }

  constructor(
    private readonly api: TelegramApi,
    readonly policy: RetryPolicy,
    private readonly messagesPerSecond = 30,
  ) {}

  send(destination: ChannelDestination, message: DeliveryMessage): Promise<SendOutcome> {
    return this.sendText(destination, telegramText(message));
  }

  sendDigest(destination: ChannelDestination, digest: DigestMessage): Promise<SendOutcome> {
    return this.sendText(destination, telegramDigestText(digest));
  }

  private async sendText(destination: ChannelDestination, text: string): Promise<SendOutcome> {
    let status: number;
    let answer: Awaited<ReturnType<TelegramApi['call']>>['answer'];
    try {
      ({ status, answer } = await this.api.call<{ message_id: number }>('sendMessage', {
        chat_id: destination.target,
        text,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      }));
    } catch (failure) {
      const error = failure instanceof Error ? failure : new Error(String(failure));
      const timedOut = error.name === 'TimeoutError';
      return { delivered: false, errorCode: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR', error: error.message.slice(0, 500), retryable: true, uncertain: true };
    }
    if (answer?.ok) return { delivered: true, statusCode: status, providerMessageId: answer.result && 'message_id' in (answer.result as object) ? String((answer.result as { message_id: number }).message_id) : null };
    const description = answer?.description ?? `HTTP ${status}`;
    if (status === 403 || (status === 400 && /chat not found/i.test(description))) {
      return { delivered: false, errorCode: 'DESTINATION_GONE', error: description, statusCode: status, retryable: false, pauseDestination: true };
    }
    if (status === 429) {
      return { delivered: false, errorCode: 'RATE_LIMITED', error: description, statusCode: status, retryable: true, retryAfterMs: retryAfterMs(null, new Date(), { bodySeconds: answer?.parameters?.retry_after }) };
    }
    return { delivered: false, errorCode: `HTTP_${status}`, error: description, statusCode: status, retryable: status >= 500 };
  }
}

import type { RateBucket, RateLimit } from '../../domain/rate-limiter.js';
import type { DataSource } from 'typeorm';
import type { ChannelSender, DeliveryMessage, DigestMessage, RetryPolicy, SendOutcome } from '../delivery/channel-sender.js';
import { ChannelDestinations, type ChannelDestination } from '../channel/notification-channel.store.js';
import { ChannelTokenStore } from '../channel/channel-token.store.js';
import { digestEmail, notificationEmail, type RenderedEmail } from './email-templates.js';
import type { EmailSettings } from './email-transport.js';

/** Unsubscribe links in old emails keep working this long. */
export const UNSUBSCRIBE_TOKEN_TTL_MS = 365 * 86_400_000;
/** Mailbox gone or refused: sending again only hurts the sender's reputation. */
const MAILBOX_GONE = new Set([550, 551, 553]);

/**
 * Sends a notification as an email to a confirmed address, with RFC 8058 one-click unsubscribe
 * (List-Unsubscribe with an https URL and a mailto, List-Unsubscribe-Post). SMTP has no
 * idempotency key, so an interrupted send is not repeated.
 */
export class EmailSender implements ChannelSender<ChannelDestination> {
  readonly channel = 'EMAIL';
  readonly idempotent = false;
  readonly waitsForQuietHours = true;
  readonly destinations = new ChannelDestinations('EMAIL', (row) => `Email to ${row.target}`);

  rateBuckets(): RateBucket[] {
    return this.rateLimit ? [{ key: 'email', limit: this.rateLimit }] : [];
  }

  constructor(
    private readonly settings: EmailSettings,
    private readonly dataSource: DataSource,
    readonly policy: RetryPolicy,
    private readonly publicUrl: string,
    /** The SMTP relay's sending limit; null: none. */
    private readonly rateLimit: RateLimit | null = null,
  ) {}

  send(destination: ChannelDestination, message: DeliveryMessage, delivery: { id: string }): Promise<SendOutcome> {
    return this.mail(destination, delivery, (unsubscribeUrl) => notificationEmail(message, unsubscribeUrl));
  }

  sendDigest(destination: ChannelDestination, digest: DigestMessage, delivery: { id: string }): Promise<SendOutcome> {
    return this.mail(destination, delivery, (unsubscribeUrl) => digestEmail(digest, unsubscribeUrl));
  }

  private async mail(destination: ChannelDestination, delivery: { id: string }, render: (unsubscribeUrl: string) => RenderedEmail): Promise<SendOutcome> {
    const token = await new ChannelTokenStore(this.dataSource).create(destination.id, 'UNSUBSCRIBE', UNSUBSCRIBE_TOKEN_TTL_MS);
    const unsubscribeUrl = `${this.publicUrl}/channels/unsubscribe?token=${token}`;
    const rendered = render(unsubscribeUrl);
    try {
      const info = await this.settings.transport.sendMail({
        from: this.settings.from,
        to: destination.target,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: `<${delivery.id}@metal-release-tracker>`,
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl}>, <mailto:${this.settings.fromAddress}?subject=unsubscribe%20${token}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
      return { delivered: true, providerMessageId: typeof info.messageId === 'string' ? info.messageId : null };
    } catch (failure) {
      return smtpFailure(failure);
    }
  }
}

export function smtpFailure(failure: unknown): SendOutcome {
  const error = failure as { responseCode?: number; code?: string; message?: string };
  const text = String(error.message ?? failure).slice(0, 500);
  if (typeof error.responseCode === 'number') {
    const code = error.responseCode;
    if (MAILBOX_GONE.has(code)) return { delivered: false, errorCode: 'DESTINATION_GONE', error: `SMTP ${code}: ${text}`, statusCode: code, retryable: false, pauseDestination: true };
    return { delivered: false, errorCode: `SMTP_${code}`, error: `SMTP ${code}: ${text}`, statusCode: code, retryable: code >= 400 && code < 500 };
  }
  // No connection: the server saw nothing. Anything later (a timeout mid-DATA) may have been accepted.
  if (error.code === 'ECONNECTION' || error.code === 'EDNS') return { delivered: false, errorCode: 'UNREACHABLE', error: text, retryable: true };
  return { delivered: false, errorCode: error.code === 'ETIMEDOUT' ? 'TIMEOUT' : 'NETWORK_ERROR', error: text, retryable: true, uncertain: true };
}

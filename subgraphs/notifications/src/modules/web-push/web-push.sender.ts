import webpush from 'web-push';
import type { OutboundGuard } from '@mrt/platform';
import { retryAfterMs } from '../../domain/retry-after.js';
import { ChannelDestinations, type ChannelDestination } from '../channel/notification-channel.store.js';
import type { ChannelSender, DeliveryMessage, RetryPolicy, SendOutcome } from '../delivery/channel-sender.js';
import { httpFailure, sendThroughGuard } from '../delivery/http-send.js';

export interface VapidSettings {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** Push services accept about 4 KB of payload; the message is shortened to stay well inside. */
const MAX_MESSAGE = 1_000;

export function webPushPayload(message: DeliveryMessage): string {
  return JSON.stringify({
    id: message.notificationId,
    kind: message.kind,
    title: message.title.slice(0, 200),
    body: message.message.length > MAX_MESSAGE ? `${message.message.slice(0, MAX_MESSAGE - 1)}…` : message.message,
    url: message.link,
  });
}

/**
 * Encrypts the payload for the browser's subscription (RFC 8291, aes128gcm) and signs the request
 * with the VAPID keys (web-push builds it), then POSTs it through the outbound guard: the endpoint
 * came from a browser, so it is a URL someone else chose. 404/410 mean the subscription expired:
 * it is removed. Not idempotent.
 */
export class WebPushSender implements ChannelSender<ChannelDestination> {
  readonly channel = 'WEB_PUSH';
  readonly idempotent = false;
  readonly waitsForQuietHours = true;
  readonly destinations = new ChannelDestinations('WEB_PUSH', (row) => (row.label ? `Push notifications in ${row.label}` : 'Push notifications in your browser'));

  constructor(
    private readonly vapid: VapidSettings,
    private readonly guard: OutboundGuard,
    readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
  ) {}

  send(destination: ChannelDestination, message: DeliveryMessage): Promise<SendOutcome> {
    if (!destination.pushKeys) return Promise.resolve({ delivered: false, errorCode: 'MISSING_KEYS', error: 'subscription keys missing', retryable: false, removeDestination: true });
    const request = webpush.generateRequestDetails({ endpoint: destination.target, keys: destination.pushKeys }, webPushPayload(message), {
      vapidDetails: { subject: this.vapid.subject, publicKey: this.vapid.publicKey, privateKey: this.vapid.privateKey },
      TTL: 86_400,
      urgency: message.kind === 'BACK_IN_STOCK' || message.kind === 'PRICE_DROP' ? 'high' : 'normal',
    });
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    return sendThroughGuard(this.guard, request.endpoint, { method: 'POST', headers, body: request.body as Buffer }, this.timeoutMs, async (response) => {
      if (response.ok) return { delivered: true, statusCode: response.status, providerMessageId: response.headers.get('location') };
      if (response.status === 404 || response.status === 410) {
        return { delivered: false, errorCode: 'SUBSCRIPTION_EXPIRED', error: `HTTP ${response.status}`, statusCode: response.status, retryable: false, removeDestination: true };
      }
      if (response.status === 413) return { delivered: false, errorCode: 'PAYLOAD_TOO_LARGE', error: 'HTTP 413', statusCode: 413, retryable: false };
      return httpFailure(response, retryAfterMs(response.headers.get('retry-after'), new Date()));
    });
  }
}

import type { OutboundGuard } from '@mrt/platform';
import type { ChannelSender, DeliveryMessage, RetryPolicy, SendOutcome } from '../delivery/channel-sender.js';
import { httpFailure, sendThroughGuard } from '../delivery/http-send.js';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';
import { WebhookStore, type WebhookDestination } from './webhook.store.js';

export const WEBHOOK_CHANNEL = 'WEBHOOK';

/**
 * POSTs the generic signed JSON. Idempotent: `x-mrt-delivery` carries the delivery id, the same on
 * every attempt, so receivers drop repeats and a send interrupted by a crash may be made again.
 */
export class WebhookSender implements ChannelSender<WebhookDestination> {
  readonly channel = WEBHOOK_CHANNEL;
  readonly idempotent = true;
  /** A machine's endpoint: it has no night. */
  readonly waitsForQuietHours = false;
  readonly destinations = new WebhookStore();

  constructor(
    private readonly guard: OutboundGuard,
    readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
  ) {}

  send(destination: WebhookDestination, message: DeliveryMessage, delivery: { id: string }): Promise<SendOutcome> {
    const body = JSON.stringify({
      id: message.notificationId,
      kind: message.kind,
      title: message.title,
      message: message.message,
      releaseId: message.releaseId,
      offerId: message.offerId,
      createdAt: new Date(message.createdAt).toISOString(),
    });
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'metal-release-tracker-webhooks/1',
      [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(destination.secret, body, Math.floor(Date.now() / 1000)),
      'x-mrt-delivery': delivery.id,
    };
    return sendThroughGuard(this.guard, destination.url, { headers, body }, this.timeoutMs, async (response) => {
      if (response.ok) return { delivered: true, statusCode: response.status };
      // Any other answer is retried: a receiver's 4xx is as often a deploy in progress as a refusal.
      return { ...httpFailure(response), retryable: true } as SendOutcome;
    });
  }
}

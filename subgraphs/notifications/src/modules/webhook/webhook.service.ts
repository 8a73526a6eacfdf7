import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboundGuard } from '@mrt/platform';
import { AppError, BadUserInputError, ErrorCode, NotFoundError } from '@mrt/graphql-kit';
import { NotificationDeliveryStore } from '../delivery/notification-delivery.store.js';
import { uuidOrNil } from '../follow/follow.service.js';
import type { Webhook, WebhookDelivery } from './webhook.type.js';
import { WEBHOOK_CHANNEL } from './webhook.sender.js';
import { WebhookStore } from './webhook.store.js';
import { webhookUrlProblem } from './webhook-url.js';

export const MAX_WEBHOOKS_PER_USER = 5;

export class WebhookService {
  private readonly webhooks = new WebhookStore();

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { guard: OutboundGuard },
  ) {}

  list(userId: string): Promise<Webhook[]> {
    return this.webhooks.list(this.dataSource, userId);
  }

  async register(userId: string, url: string): Promise<{ webhook: Webhook; secret: string }> {
    const problem = await webhookUrlProblem(url.trim(), this.options.guard);
    if (problem) throw new BadUserInputError(`Webhook URL ${problem}`, [{ path: 'url', message: problem }]);
    if ((await this.webhooks.count(this.dataSource, userId)) >= MAX_WEBHOOKS_PER_USER) {
      throw new AppError(`At most ${MAX_WEBHOOKS_PER_USER} webhooks per user`, ErrorCode.CONFLICT);
    }
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return { webhook: await this.webhooks.insert(this.dataSource, userId, url.trim(), secret), secret };
  }

  /** Its log goes with it: the delivery rows point at no table, so nothing cascades by itself. */
  remove(userId: string, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const removed = await this.webhooks.delete(manager, userId, uuidOrNil(id));
      if (removed) await new NotificationDeliveryStore(manager).deleteForDestination(WEBHOOK_CHANNEL, uuidOrNil(id));
      return removed;
    });
  }

  /** Re-enables a webhook disabled after failures, with a clean failure count. */
  async enable(userId: string, id: string): Promise<Webhook> {
    const webhook = await this.webhooks.enable(this.dataSource, userId, uuidOrNil(id));
    if (!webhook) throw new NotFoundError('Webhook', id);
    return webhook;
  }

  /** The delivery log of one of the user's webhooks, newest first. */
  async deliveries(userId: string, webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    if (!(await this.webhooks.owns(this.dataSource, userId, uuidOrNil(webhookId)))) throw new NotFoundError('Webhook', webhookId);
    const rows = await new NotificationDeliveryStore(this.dataSource).listForDestination(WEBHOOK_CHANNEL, webhookId, limit);
    return rows.map((row) => ({
      id: row.id,
      notificationId: row.notificationId,
      // A claimed row is still on its way, as far as a reader of the log can tell.
      status: row.status === 'SENDING' ? 'PENDING' : row.status,
      attempts: row.attempts,
      lastStatusCode: row.lastStatusCode,
      lastError: row.lastError,
      createdAt: row.createdAt,
      deliveredAt: row.sentAt,
      nextAttemptAt: row.nextAttemptAt,
    }));
  }
}

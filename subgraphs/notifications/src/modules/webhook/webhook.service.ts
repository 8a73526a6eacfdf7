import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboundGuard } from '@mrt/platform';
import { AppError, BadUserInputError, ErrorCode, NotFoundError } from '@mrt/graphql-kit';
import { uuidOrNil } from '../follow/follow.service.js';
import type { Webhook, WebhookDelivery } from './webhook.type.js';
import { webhookUrlProblem } from './webhook-url.js';

export const MAX_WEBHOOKS_PER_USER = 5;

interface WebhookRow {
  id: string;
  url: string;
  active: boolean;
  consecutive_failures: number;
  disabled_at: Date | null;
  created_at: Date;
}

export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { guard: OutboundGuard },
  ) {}

  async list(userId: string): Promise<Webhook[]> {
    const rows: WebhookRow[] = await this.dataSource.query(
      `SELECT id, url, active, consecutive_failures, disabled_at, created_at FROM webhook WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    return rows.map(toWebhook);
  }

  async register(userId: string, url: string): Promise<{ webhook: Webhook; secret: string }> {
    const problem = await webhookUrlProblem(url.trim(), this.options.guard);
    if (problem) throw new BadUserInputError(`Webhook URL ${problem}`, [{ path: 'url', message: problem }]);
    const [{ count }] = (await this.dataSource.query(`SELECT count(*)::int AS count FROM webhook WHERE user_id = $1`, [userId])) as [{ count: number }];
    if (count >= MAX_WEBHOOKS_PER_USER) throw new AppError(`At most ${MAX_WEBHOOKS_PER_USER} webhooks per user`, ErrorCode.CONFLICT);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const rows: WebhookRow[] = await this.dataSource.query(
      `INSERT INTO webhook (user_id, url, secret) VALUES ($1, $2, $3) RETURNING id, url, active, consecutive_failures, disabled_at, created_at`,
      [userId, url.trim(), secret],
    );
    return { webhook: toWebhook(rows[0]!), secret };
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(`DELETE FROM webhook WHERE id = $1 AND user_id = $2`, [uuidOrNil(id), userId]);
    return result[1] > 0;
  }

  /** Re-enables a webhook disabled after failures, with a clean failure count. */
  async enable(userId: string, id: string): Promise<Webhook> {
    const rows: [WebhookRow[], number] = await this.dataSource.query(
      `UPDATE webhook SET active = true, consecutive_failures = 0, disabled_at = NULL WHERE id = $1 AND user_id = $2
       RETURNING id, url, active, consecutive_failures, disabled_at, created_at`,
      [uuidOrNil(id), userId],
    );
    const row = rows[0][0];
    if (!row) throw new NotFoundError('Webhook', id);
    return toWebhook(row);
  }

  /** The delivery log of one of the user's webhooks, newest first. */
  async deliveries(userId: string, webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    const owned: unknown[] = await this.dataSource.query(`SELECT 1 FROM webhook WHERE id = $1 AND user_id = $2`, [uuidOrNil(webhookId), userId]);
    if (owned.length === 0) throw new NotFoundError('Webhook', webhookId);
    const rows: {
      id: string;
      notification_id: string;
      status: string;
      attempts: number;
      last_status_code: number | null;
      last_error: string | null;
      created_at: Date;
      delivered_at: Date | null;
      next_attempt_at: Date;
    }[] = await this.dataSource.query(
      `SELECT id, notification_id, status, attempts, last_status_code, last_error, created_at, delivered_at, next_attempt_at
       FROM webhook_delivery WHERE webhook_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [webhookId, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      notificationId: row.notification_id,
      status: row.status,
      attempts: row.attempts,
      lastStatusCode: row.last_status_code,
      lastError: row.last_error,
      createdAt: row.created_at,
      deliveredAt: row.delivered_at,
      nextAttemptAt: row.status === 'PENDING' ? row.next_attempt_at : null,
    }));
  }
}

function toWebhook(row: WebhookRow): Webhook {
  return { id: row.id, url: row.url, active: row.active, consecutiveFailures: row.consecutive_failures, disabledAt: row.disabled_at, createdAt: row.created_at };
}

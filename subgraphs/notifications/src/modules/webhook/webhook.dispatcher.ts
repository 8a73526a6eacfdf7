import type { DataSource } from 'typeorm';
import { backoffDelayMs } from '@mrt/events';
import { DESTINATION_REFUSED, refusalOf, type Logger, type OutboundGuard } from '@mrt/platform';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';

export interface WebhookDispatcherOptions {
  dataSource: DataSource;
  logger: Logger;
  maxAttempts: number;
  retryInitialMs: number;
  disableAfterFailures: number;
  timeoutMs: number;
  /** Connects only to addresses it checked: a URL that resolves inside the network is refused. */
  guard: OutboundGuard;
  /** Longest sleep between polls when nothing wakes it. */
  pollMs?: number;
  batchSize?: number;
}

interface DueDelivery {
  id: string;
  attempts: number;
  webhook_id: string;
  url: string;
  secret: string;
  notification_id: string;
  kind: string;
  title: string;
  message: string;
  release_id: string | null;
  offer_id: string | null;
  created_at: Date;
}

/**
 * Sends pending webhook deliveries: claims due rows with SKIP LOCKED (several instances share the
 * work), POSTs the signed body, and records the outcome; failures retry with exponential backoff,
 * a delivery failing every attempt counts against its webhook, which is disabled after too many.
 */
export class WebhookDispatcher {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;

  constructor(private readonly options: WebhookDispatcherOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New deliveries were committed: send now instead of at the next poll. */
  notify(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One pass over what is due; returns how many deliveries were attempted. */
  async runOnce(): Promise<number> {
    const due = await this.claim();
    await Promise.all(
      due.map((delivery) =>
        this.attempt(delivery).catch((error: unknown) => this.options.logger.warn({ err: error, deliveryId: delivery.id }, 'webhook delivery crashed')),
      ),
    );
    return due.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pendingWake = false;
      let attempted = 0;
      try {
        attempted = await this.runOnce();
      } catch (error) {
        this.options.logger.warn({ err: error }, 'webhook dispatch failed');
      }
      if (!this.running) break;
      if (attempted > 0 || this.pendingWake) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 1_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Pushes claimed rows' next attempt a timeout ahead, so a crashed sender's rows come back later. */
  private async claim(): Promise<DueDelivery[]> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [DueDelivery[], number] = await this.options.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id AND w.active
         WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
         ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_delivery d SET next_attempt_at = now() + make_interval(secs => $2)
       FROM due, webhook w, notification n
       WHERE d.id = due.id AND w.id = d.webhook_id AND n.id = d.notification_id
       RETURNING d.id, d.attempts, w.id AS webhook_id, w.url, w.secret, n.id AS notification_id, n.kind, n.title, n.message, n.release_id, n.offer_id, n.created_at`,
      [this.options.batchSize ?? 20, Math.ceil((this.options.timeoutMs * 2) / 1000)],
    );
    return rows;
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const body = JSON.stringify({
      id: delivery.notification_id,
      kind: delivery.kind,
      title: delivery.title,
      message: delivery.message,
      releaseId: delivery.release_id,
      offerId: delivery.offer_id,
      createdAt: new Date(delivery.created_at).toISOString(),
    });
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.options.guard.fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'metal-release-tracker-webhooks/1',
          [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(delivery.secret, body, Math.floor(Date.now() / 1000)),
          'x-mrt-delivery': delivery.id,
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      statusCode = response.status;
      await response.body?.cancel();
      // Redirects are not followed (the guard never does): a 3xx is a failed delivery.
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (failure) {
      const refusal = refusalOf(failure);
      // A refused destination is logged by its code, never with a status or a connection error
      // that would tell the fan which internal ports answer.
      if (refusal) error = `${DESTINATION_REFUSED}: ${refusal.message}`;
      else error = failure instanceof Error ? failure.message.slice(0, 500) : 'request failed';
    }
    await this.record(delivery, statusCode, error);
  }

  private async record(delivery: DueDelivery, statusCode: number | null, error: string | null): Promise<void> {
    const attempts = delivery.attempts + 1;
    const { dataSource, maxAttempts, disableAfterFailures } = this.options;
    if (!error) {
      await dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE webhook_delivery SET status = 'DELIVERED', attempts = $2, last_status_code = $3, last_error = NULL, delivered_at = now() WHERE id = $1`,
          [delivery.id, attempts, statusCode],
        );
        await manager.query(`UPDATE webhook SET consecutive_failures = 0 WHERE id = $1`, [delivery.webhook_id]);
      });
      return;
    }
    if (attempts < maxAttempts) {
      const delayMs = backoffDelayMs(attempts, { initialMs: this.options.retryInitialMs, maxMs: 3_600_000, factor: 2, jitter: 0.2 });
      await dataSource.query(
        `UPDATE webhook_delivery SET attempts = $2, last_status_code = $3, last_error = $4, next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1`,
        [delivery.id, attempts, statusCode, error, delayMs / 1000],
      );
      return;
    }
    await dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE webhook_delivery SET status = 'FAILED', attempts = $2, last_status_code = $3, last_error = $4 WHERE id = $1`, [
        delivery.id,
        attempts,
        statusCode,
        error,
      ]);
      await manager.query(
        `UPDATE webhook SET consecutive_failures = consecutive_failures + 1,
           active = consecutive_failures + 1 < $2,
           disabled_at = CASE WHEN consecutive_failures + 1 >= $2 THEN now() ELSE disabled_at END
         WHERE id = $1`,
        [delivery.webhook_id, disableAfterFailures],
      );
    });
    this.options.logger.info({ webhookId: delivery.webhook_id, deliveryId: delivery.id, error }, 'webhook delivery failed');
  }
}

import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** PENDING (due or waiting to retry), SENDING (claimed under a lease), DELIVERED, FAILED, SKIPPED (destination paused or gone). */
export type DeliveryStatus = 'PENDING' | 'SENDING' | 'DELIVERED' | 'FAILED' | 'SKIPPED';

export interface DeliveryTarget {
  notificationId: string;
  channel: string;
  destinationId: string;
}

export interface ClaimedDelivery extends DeliveryTarget {
  id: string;
  /** Attempts before this one. */
  attempts: number;
  /** SENDING when an earlier claim's lease ran out: that sender may or may not have sent it. */
  previousStatus: DeliveryStatus;
  claimToken: string;
}

export interface DeliveryRow extends DeliveryTarget {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastErrorCode: string | null;
  lastError: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
}

export interface AttemptRecord {
  attempts: number;
  statusCode?: number | null;
  errorCode?: string | null;
  error?: string | null;
  providerMessageId?: string | null;
}

const COLUMNS = `id, notification_id, channel, destination_id, status, attempts, last_status_code, last_error_code, last_error, provider_message_id, created_at, sent_at, next_attempt_at`;

/** The only place with SQL for notification_delivery. */
export class NotificationDeliveryStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Idempotent: a (notification, channel, destination) already queued stays as it is. */
  async enqueue(targets: readonly DeliveryTarget[]): Promise<number> {
    if (targets.length === 0) return 0;
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO notification_delivery (notification_id, channel, destination_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])
       ON CONFLICT (notification_id, channel, destination_id) DO NOTHING RETURNING id`,
      [targets.map((t) => t.notificationId), targets.map((t) => t.channel), targets.map((t) => t.destinationId)],
    );
    return inserted.length;
  }

  /**
   * Takes due rows (SKIP LOCKED: several workers share the queue) and marks them SENDING under a
   * lease before anything is sent; a row whose lease ran out comes back with previousStatus SENDING.
   * Only `channels` (those this worker can send): another instance configured for more takes the rest.
   */
  async claim(limit: number, leaseMs: number, channels: readonly string[]): Promise<ClaimedDelivery[]> {
    const token = randomUUID();
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(
      `WITH due AS (
         SELECT id, status AS previous_status FROM notification_delivery
         WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now() AND channel = ANY($4::text[])
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE notification_delivery d SET status = 'SENDING', claim_token = $2, next_attempt_at = now() + make_interval(secs => $3)
       FROM due WHERE d.id = due.id
       RETURNING d.id, d.notification_id, d.channel, d.destination_id, d.attempts, due.previous_status`,
      [limit, token, leaseMs / 1000, channels],
    );
    return rows.map((row) => ({
      id: String(row.id),
      notificationId: String(row.notification_id),
      channel: String(row.channel),
      destinationId: String(row.destination_id),
      attempts: Number(row.attempts),
      previousStatus: row.previous_status as DeliveryStatus,
      claimToken: token,
    }));
  }

  /** Each outcome is written only by the claim that still holds the row; false when fenced off. */
  async finish(delivery: ClaimedDelivery, status: 'DELIVERED' | 'FAILED', record: AttemptRecord): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.db.query(
      `UPDATE notification_delivery SET status = $3, attempts = $4, last_status_code = $5, last_error_code = $6, last_error = $7,
         provider_message_id = COALESCE($8, provider_message_id), sent_at = CASE WHEN $3 = 'DELIVERED' THEN now() ELSE sent_at END, claim_token = NULL
       WHERE id = $1 AND claim_token = $2 AND status = 'SENDING'`,
      [delivery.id, delivery.claimToken, status, record.attempts, record.statusCode ?? null, record.errorCode ?? null, record.error ?? null, record.providerMessageId ?? null],
    );
    return affected > 0;
  }

  async retryLater(delivery: ClaimedDelivery, record: AttemptRecord, delayMs: number): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.db.query(
      `UPDATE notification_delivery SET status = 'PENDING', attempts = $3, last_status_code = $4, last_error_code = $5, last_error = $6,
         next_attempt_at = now() + make_interval(secs => $7), claim_token = NULL
       WHERE id = $1 AND claim_token = $2 AND status = 'SENDING'`,
      [delivery.id, delivery.claimToken, record.attempts, record.statusCode ?? null, record.errorCode ?? null, record.error ?? null, delayMs / 1000],
    );
    return affected > 0;
  }

  /** A paused or removed destination's queued rows are not sent later by surprise. */
  async skipPending(channel: string, destinationId: string, errorCode: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_delivery SET status = 'SKIPPED', last_error_code = $3, claim_token = NULL
       WHERE channel = $1 AND destination_id = $2 AND status = 'PENDING'`,
      [channel, destinationId, errorCode],
    );
  }

  async deleteForDestination(channel: string, destinationId: string): Promise<void> {
    await this.db.query(`DELETE FROM notification_delivery WHERE channel = $1 AND destination_id = $2`, [channel, destinationId]);
  }

  /** The log of the given notifications, oldest first within each. */
  async listForNotifications(notificationIds: readonly string[]): Promise<DeliveryRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${COLUMNS} FROM notification_delivery WHERE notification_id = ANY($1::uuid[]) ORDER BY created_at, channel, id`,
      [notificationIds],
    );
    return rows.map(toRow);
  }

  async listForDestination(channel: string, destinationId: string, limit: number): Promise<DeliveryRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${COLUMNS} FROM notification_delivery WHERE channel = $1 AND destination_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3`,
      [channel, destinationId, limit],
    );
    return rows.map(toRow);
  }
}

function toRow(row: Record<string, unknown>): DeliveryRow {
  const status = row.status as DeliveryStatus;
  return {
    id: String(row.id),
    notificationId: String(row.notification_id),
    channel: String(row.channel),
    destinationId: String(row.destination_id),
    status,
    attempts: Number(row.attempts),
    lastStatusCode: (row.last_status_code as number | null) ?? null,
    lastErrorCode: (row.last_error_code as string | null) ?? null,
    lastError: (row.last_error as string | null) ?? null,
    providerMessageId: (row.provider_message_id as string | null) ?? null,
    createdAt: row.created_at as Date,
    sentAt: (row.sent_at as Date | null) ?? null,
    nextAttemptAt: status === 'PENDING' || status === 'SENDING' ? (row.next_attempt_at as Date) : null,
  };
}

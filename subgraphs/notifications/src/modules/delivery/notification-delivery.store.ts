import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * PENDING (due or waiting to retry), SENDING (claimed under a lease), DELIVERED, FAILED, SKIPPED
 * (destination paused or gone), IN_DIGEST (collected; its digest's outcome becomes its own).
 */
export type DeliveryStatus = 'PENDING' | 'SENDING' | 'DELIVERED' | 'FAILED' | 'SKIPPED' | 'IN_DIGEST';

/** Why a PENDING row waits without having failed. */
export type DeliveryHold = 'QUIET_HOURS' | 'RATE_LIMIT';

export interface DeliveryTarget {
  notificationId: string;
  channel: string;
  destinationId: string;
}

/** A notification for a channel that collects: the digest it joins goes out at `dueAt`. */
export interface DigestTarget extends DeliveryTarget {
  frequency: 'DAILY' | 'WEEKLY';
  dueAt: Date;
}

export interface ClaimedDelivery extends Omit<DeliveryTarget, 'notificationId'> {
  id: string;
  /** Null for a digest: its notifications are its items. */
  notificationId: string | null;
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
  /** While PENDING: held back by quiet hours or a rate limit, until nextAttemptAt. */
  heldFor: DeliveryHold | null;
}

export interface AttemptRecord {
  attempts: number;
  statusCode?: number | null;
  errorCode?: string | null;
  error?: string | null;
  providerMessageId?: string | null;
}

const COLUMNS = `id, notification_id, channel, destination_id, status, attempts, last_status_code, last_error_code, last_error, provider_message_id, created_at, sent_at, next_attempt_at, held_for`;

/** The only place with SQL for notification_delivery. */
export class NotificationDeliveryStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Due at `now`. Idempotent: a (notification, channel, destination) already queued stays as it is. */
  async enqueue(targets: readonly DeliveryTarget[], now: Date): Promise<number> {
    if (targets.length === 0) return 0;
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO notification_delivery (notification_id, channel, destination_id, next_attempt_at)
       SELECT n, c, d, $4 FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(n, c, d)
       ON CONFLICT (notification_id, channel, destination_id) DO NOTHING RETURNING id`,
      [targets.map((t) => t.notificationId), targets.map((t) => t.channel), targets.map((t) => t.destinationId), now],
    );
    return inserted.length;
  }

  /**
   * Adds each target to its destination's digest due at `dueAt` (made when it is the first), as an
   * IN_DIGEST row. Joining locks the digest row until the caller commits, so a worker cannot send a
   * digest while an item is being added; a digest no longer PENDING (being sent already) is not
   * joined, and those targets are returned to be sent on their own.
   */
  async collectIntoDigests(targets: readonly DigestTarget[]): Promise<DeliveryTarget[]> {
    if (targets.length === 0) return [];
    const keyOf = (t: { channel: string; destinationId: string; dueAt: Date }) => `${t.channel}|${t.destinationId}|${t.dueAt.toISOString()}`;
    const digests = [...new Map(targets.map((t) => [keyOf(t), t])).values()];
    const rows: { id: string; channel: string; destination_id: string; digest_due_at: Date }[] = await this.db.query(
      `INSERT INTO notification_delivery (notification_id, channel, destination_id, digest_due_at, digest_frequency, next_attempt_at)
       SELECT NULL, c, d, due, f, due FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::text[]) AS t(c, d, due, f)
       ON CONFLICT (channel, destination_id, digest_due_at) WHERE notification_id IS NULL
       DO UPDATE SET digest_due_at = EXCLUDED.digest_due_at WHERE notification_delivery.status = 'PENDING'
       RETURNING id, channel, destination_id, digest_due_at`,
      [digests.map((t) => t.channel), digests.map((t) => t.destinationId), digests.map((t) => t.dueAt), digests.map((t) => t.frequency)],
    );
    const digestOf = new Map(rows.map((row) => [keyOf({ channel: row.channel, destinationId: row.destination_id, dueAt: row.digest_due_at }), row.id]));
    const joining = targets.filter((t) => digestOf.has(keyOf(t)));
    if (joining.length > 0) {
      await this.db.query(
        `INSERT INTO notification_delivery (notification_id, channel, destination_id, status, digest_id, next_attempt_at)
         SELECT n, c, d, 'IN_DIGEST', g, due FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[]) AS t(n, c, d, g, due)
         ON CONFLICT (notification_id, channel, destination_id) DO NOTHING`,
        [joining.map((t) => t.notificationId), joining.map((t) => t.channel), joining.map((t) => t.destinationId), joining.map((t) => digestOf.get(keyOf(t))), joining.map((t) => t.dueAt)],
      );
    }
    return targets.filter((t) => !digestOf.has(keyOf(t))).map(({ notificationId, channel, destinationId }) => ({ notificationId, channel, destinationId }));
  }

  /** The notifications each digest collected, oldest first, and how often it goes out. */
  async digestItems(digestIds: readonly string[]): Promise<Map<string, { frequency: 'DAILY' | 'WEEKLY'; notificationIds: string[] }>> {
    if (digestIds.length === 0) return new Map();
    const rows: { id: string; frequency: 'DAILY' | 'WEEKLY'; notification_ids: string[] | null }[] = await this.db.query(
      `SELECT g.id, g.digest_frequency AS frequency, array_agg(i.notification_id ORDER BY i.created_at, i.id) FILTER (WHERE i.id IS NOT NULL) AS notification_ids
       FROM notification_delivery g LEFT JOIN notification_delivery i ON i.digest_id = g.id
       WHERE g.id = ANY($1::uuid[]) GROUP BY g.id, g.digest_frequency`,
      [digestIds],
    );
    return new Map(rows.map((row) => [row.id, { frequency: row.frequency, notificationIds: row.notification_ids ?? [] }]));
  }

  /**
   * Takes due rows (SKIP LOCKED: several workers share the queue) and marks them SENDING under a
   * lease before anything is sent; a row whose lease ran out comes back with previousStatus SENDING.
   * Only `channels` (those this worker can send): another instance configured for more takes the rest.
   */
  async claim(limit: number, leaseMs: number, channels: readonly string[], now: Date): Promise<ClaimedDelivery[]> {
    const token = randomUUID();
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(
      `WITH due AS (
         SELECT id, status AS previous_status FROM notification_delivery
         WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= $5 AND channel = ANY($4::text[])
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE notification_delivery d SET status = 'SENDING', held_for = NULL, claim_token = $2, next_attempt_at = $5::timestamptz + make_interval(secs => $3)
       FROM due WHERE d.id = due.id
       RETURNING d.id, d.notification_id, d.channel, d.destination_id, d.attempts, due.previous_status`,
      [limit, token, leaseMs / 1000, channels, now],
    );
    return rows.map((row) => ({
      id: String(row.id),
      notificationId: row.notification_id === null ? null : String(row.notification_id),
      channel: String(row.channel),
      destinationId: String(row.destination_id),
      attempts: Number(row.attempts),
      previousStatus: row.previous_status as DeliveryStatus,
      claimToken: token,
    }));
  }

  /**
   * Each outcome is written only by the claim that still holds the row; false when fenced off.
   * A digest's items take its outcome in the same statement.
   */
  async finish(delivery: ClaimedDelivery, status: 'DELIVERED' | 'FAILED', record: AttemptRecord): Promise<boolean> {
    const rows: { finished: number }[] = await this.db.query(
      `WITH finished AS (
         UPDATE notification_delivery SET status = $3, attempts = $4, last_status_code = $5, last_error_code = $6, last_error = $7,
           provider_message_id = COALESCE($8, provider_message_id), sent_at = CASE WHEN $3 = 'DELIVERED' THEN now() ELSE sent_at END, claim_token = NULL
         WHERE id = $1 AND claim_token = $2 AND status = 'SENDING' RETURNING id, sent_at, provider_message_id
       ), items AS (
         UPDATE notification_delivery i SET status = $3, attempts = $4, last_status_code = $5, last_error_code = $6, last_error = $7,
           provider_message_id = finished.provider_message_id, sent_at = finished.sent_at
         FROM finished WHERE i.digest_id = finished.id AND i.status = 'IN_DIGEST' RETURNING i.id
       )
       SELECT count(*)::int AS finished FROM finished`,
      [delivery.id, delivery.claimToken, status, record.attempts, record.statusCode ?? null, record.errorCode ?? null, record.error ?? null, record.providerMessageId ?? null],
    );
    return (rows[0]?.finished ?? 0) > 0;
  }

  async retryLater(delivery: ClaimedDelivery, record: AttemptRecord, delayMs: number, now: Date): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.db.query(
      `UPDATE notification_delivery SET status = 'PENDING', attempts = $3, last_status_code = $4, last_error_code = $5, last_error = $6,
         next_attempt_at = $8::timestamptz + make_interval(secs => $7), claim_token = NULL
       WHERE id = $1 AND claim_token = $2 AND status = 'SENDING'`,
      [delivery.id, delivery.claimToken, record.attempts, record.statusCode ?? null, record.errorCode ?? null, record.error ?? null, delayMs / 1000, now],
    );
    return affected > 0;
  }

  /** Not now (the fan's quiet hours, the provider's limit): back in the queue until `until`, no attempt counted. */
  async postpone(delivery: ClaimedDelivery, until: Date, heldFor: DeliveryHold): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.db.query(
      `UPDATE notification_delivery SET status = 'PENDING', next_attempt_at = $3, held_for = $4, claim_token = NULL WHERE id = $1 AND claim_token = $2 AND status = 'SENDING'`,
      [delivery.id, delivery.claimToken, until, heldFor],
    );
    return affected > 0;
  }

  /** A paused or removed destination's queued rows are not sent later by surprise. */
  async skipPending(channel: string, destinationId: string, errorCode: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_delivery SET status = 'SKIPPED', last_error_code = $3, claim_token = NULL
       WHERE channel = $1 AND destination_id = $2 AND status IN ('PENDING', 'IN_DIGEST')`,
      [channel, destinationId, errorCode],
    );
  }

  async deleteForDestination(channel: string, destinationId: string): Promise<void> {
    await this.db.query(`DELETE FROM notification_delivery WHERE channel = $1 AND destination_id = $2`, [channel, destinationId]);
  }

  /** Account deletion: the deliveries and digests to any of these destinations, whatever the channel. */
  async deleteForDestinations(destinationIds: readonly string[]): Promise<void> {
    if (destinationIds.length > 0) await this.db.query(`DELETE FROM notification_delivery WHERE destination_id = ANY($1::uuid[])`, [destinationIds]);
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
      `SELECT ${COLUMNS} FROM notification_delivery WHERE channel = $1 AND destination_id = $2 AND notification_id IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT $3`,
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
    // An item's is when its digest is due.
    nextAttemptAt: status === 'PENDING' || status === 'SENDING' || status === 'IN_DIGEST' ? (row.next_attempt_at as Date) : null,
    heldFor: status === 'PENDING' ? ((row.held_for as DeliveryHold | null) ?? null) : null,
  };
}

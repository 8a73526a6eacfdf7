import type { DataSource, EntityManager } from 'typeorm';
import type { DestinationStore } from '../delivery/channel-sender.js';
import type { Webhook } from './webhook.type.js';

interface WebhookRow {
  id: string;
  user_id: string;
  url: string;
  active: boolean;
  consecutive_failures: number;
  disabled_at: Date | null;
  created_at: Date;
}

export interface WebhookDestination {
  id: string;
  userId: string;
  label: string;
  url: string;
  secret: string;
}

const COLUMNS = 'id, user_id, url, active, consecutive_failures, disabled_at, created_at';

/** The only place with SQL for the webhook table; also the webhook channel's destinations. */
export class WebhookStore implements DestinationStore<WebhookDestination> {
  async list(db: DataSource | EntityManager, userId: string): Promise<Webhook[]> {
    const rows: WebhookRow[] = await db.query(`SELECT ${COLUMNS} FROM webhook WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
    return rows.map(toWebhook);
  }

  async count(db: DataSource | EntityManager, userId: string): Promise<number> {
    const [{ count }] = (await db.query(`SELECT count(*)::int AS count FROM webhook WHERE user_id = $1`, [userId])) as [{ count: number }];
    return count;
  }

  async insert(db: DataSource | EntityManager, userId: string, url: string, secret: string): Promise<Webhook> {
    const rows: WebhookRow[] = await db.query(`INSERT INTO webhook (user_id, url, secret) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [userId, url, secret]);
    return toWebhook(rows[0]!);
  }

  async delete(db: DataSource | EntityManager, userId: string, id: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await db.query(`DELETE FROM webhook WHERE id = $1 AND user_id = $2`, [id, userId]);
    return affected > 0;
  }

  /** Account deletion: every webhook of the user; the ids deleted. */
  async deleteAllOf(db: DataSource | EntityManager, userId: string): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await db.query(`DELETE FROM webhook WHERE user_id = $1 RETURNING id`, [userId]);
    return rows.map((row) => row.id);
  }

  async owns(db: DataSource | EntityManager, userId: string, id: string): Promise<boolean> {
    return (await db.query(`SELECT 1 FROM webhook WHERE id = $1 AND user_id = $2`, [id, userId])).length > 0;
  }

  /** Re-enabled with a clean failure count; null when not the user's. */
  async enable(db: DataSource | EntityManager, userId: string, id: string): Promise<Webhook | null> {
    const [rows]: [WebhookRow[], number] = await db.query(
      `UPDATE webhook SET active = true, consecutive_failures = 0, disabled_at = NULL WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId],
    );
    return rows[0] ? toWebhook(rows[0]) : null;
  }

  /** Active webhooks of the given users: each notified user's webhooks get every notification. */
  async activeOfUsers(db: DataSource | EntityManager, userIds: readonly string[]): Promise<{ id: string; userId: string }[]> {
    const rows: { id: string; user_id: string }[] = await db.query(`SELECT id, user_id FROM webhook WHERE user_id = ANY($1::uuid[]) AND active`, [userIds]);
    return rows.map((row) => ({ id: row.id, userId: row.user_id }));
  }

  async loadActive(db: DataSource | EntityManager, ids: readonly string[]): Promise<Map<string, WebhookDestination>> {
    const rows: { id: string; user_id: string; url: string; secret: string }[] = await db.query(
      `SELECT id, user_id, url, secret FROM webhook WHERE id = ANY($1::uuid[]) AND active`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, { id: row.id, userId: row.user_id, url: row.url, secret: row.secret, label: `Your webhook ${row.url}` }]));
  }

  async recordSuccess(db: DataSource | EntityManager, id: string): Promise<void> {
    await db.query(`UPDATE webhook SET consecutive_failures = 0 WHERE id = $1`, [id]);
  }

  async recordFailure(db: DataSource | EntityManager, id: string, pauseAfterFailures: number): Promise<boolean> {
    const [rows]: [{ paused: boolean }[], number] = await db.query(
      `UPDATE webhook SET consecutive_failures = consecutive_failures + 1,
         active = active AND consecutive_failures + 1 < $2,
         disabled_at = CASE WHEN active AND consecutive_failures + 1 >= $2 THEN now() ELSE disabled_at END
       WHERE id = $1
       RETURNING (active = false AND disabled_at = now()) AS paused`,
      [id, pauseAfterFailures],
    );
    return rows[0]?.paused ?? false;
  }

  async pause(db: DataSource | EntityManager, id: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await db.query(`UPDATE webhook SET active = false, disabled_at = now() WHERE id = $1 AND active`, [id]);
    return affected > 0;
  }
}

function toWebhook(row: WebhookRow): Webhook {
  return { id: row.id, url: row.url, active: row.active, consecutiveFailures: row.consecutive_failures, disabledAt: row.disabled_at, createdAt: row.created_at };
}

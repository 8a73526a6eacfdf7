import type { DataSource, EntityManager } from 'typeorm';
import type { DestinationStore } from '../delivery/channel-sender.js';
import type { DigestFrequency } from '../../domain/digest-schedule.js';
import { uuidArrayLiteral } from '../../domain/uuid-array.js';
import type { ChannelKind } from './channel-kind.js';

export interface ChannelRow {
  id: string;
  userId: string;
  kind: ChannelKind;
  target: string;
  label: string | null;
  isDefault: boolean;
  consecutiveFailures: number;
  pausedAt: Date | null;
  pauseReason: string | null;
  verifiedAt: Date | null;
  digest: DigestFrequency;
  createdAt: Date;
}

export interface ChannelDestination {
  id: string;
  userId: string;
  label: string;
  target: string;
  /** Web push only: the subscription's keys. */
  pushKeys: { p256dh: string; auth: string } | null;
}

/** Which channels a notified fan's matching follows asked for. */
export interface ChannelChoice {
  userId: string;
  /** A matching follow names no channels: the fan's default ones. */
  defaults: boolean;
  /** Channels matching follows named. */
  channelIds: readonly string[];
}

const COLUMNS = 'id, user_id, kind, target, label, is_default, consecutive_failures, paused_at, pause_reason, verified_at, digest, created_at';

/** The only place with SQL for notification_channel. */
export class NotificationChannelStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  async listOfUser(userId: string): Promise<ChannelRow[]> {
    return (await this.db.query(`SELECT ${COLUMNS} FROM notification_channel WHERE user_id = $1 ORDER BY created_at, id`, [userId])).map(toRow);
  }

  async findOwn(userId: string, id: string): Promise<ChannelRow | null> {
    const rows: Record<string, unknown>[] = await this.db.query(`SELECT ${COLUMNS} FROM notification_channel WHERE id = $1 AND user_id = $2`, [id, userId]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async countOfUser(userId: string): Promise<number> {
    const [{ count }] = (await this.db.query(`SELECT count(*)::int AS count FROM notification_channel WHERE user_id = $1`, [userId])) as [{ count: number }];
    return count;
  }

  /** Null when the fan has this very destination already. */
  async insert(channel: {
    userId: string;
    kind: ChannelKind;
    target: string;
    label: string | null;
    isDefault: boolean;
    verified: boolean;
    pushKeys?: { p256dh: string; auth: string };
  }): Promise<ChannelRow | null> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `INSERT INTO notification_channel (user_id, kind, target, label, is_default, verified_at, push_keys) VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END, $7)
       ON CONFLICT (user_id, kind, target) DO NOTHING RETURNING ${COLUMNS}`,
      [channel.userId, channel.kind, channel.target, channel.label, channel.isDefault, channel.verified, channel.pushKeys ? JSON.stringify(channel.pushKeys) : null],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async delete(userId: string, id: string): Promise<ChannelRow | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(`DELETE FROM notification_channel WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`, [id, userId]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Account deletion: every channel of the user (their tokens cascade); the ids deleted. */
  async deleteAllOf(userId: string): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await this.db.query(`DELETE FROM notification_channel WHERE user_id = $1 RETURNING id`, [userId]);
    return rows.map((row) => row.id);
  }

  /** Turned back on with a clean failure count; null when not the user's. */
  async resume(userId: string, id: string): Promise<ChannelRow | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(
      `UPDATE notification_channel SET paused_at = NULL, pause_reason = NULL, consecutive_failures = 0 WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async markVerified(id: string): Promise<ChannelRow | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(
      `UPDATE notification_channel SET verified_at = COALESCE(verified_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** A Telegram chat linked through the bot: its chat id becomes the target. */
  async linkChat(id: string, chatId: string): Promise<ChannelRow | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(
      `UPDATE notification_channel SET target = $2, verified_at = now(), paused_at = NULL, pause_reason = NULL, consecutive_failures = 0
       WHERE id = $1 AND kind = 'TELEGRAM' RETURNING ${COLUMNS}`,
      [id, chatId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The fans whose linked Telegram channel is this chat (/list answers for each). */
  async usersOfChat(chatId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.query(
      `SELECT DISTINCT user_id FROM notification_channel WHERE kind = 'TELEGRAM' AND target = $1 AND verified_at IS NOT NULL ORDER BY user_id`,
      [chatId],
    );
    return rows.map((row) => row.user_id);
  }

  /** /stop in a chat: every fan's channel to that chat is paused. */
  async pauseChat(chatId: string, reason: string): Promise<number> {
    const [, affected]: [unknown[], number] = await this.db.query(
      `UPDATE notification_channel SET paused_at = now(), pause_reason = $2 WHERE kind = 'TELEGRAM' AND target = $1 AND verified_at IS NOT NULL AND paused_at IS NULL`,
      [chatId, reason],
    );
    return affected;
  }

  /** One-click unsubscribe: paused with its own reason, so the fan can tell it from a failure. */
  async unsubscribe(id: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.db.query(
      `UPDATE notification_channel SET paused_at = COALESCE(paused_at, now()), pause_reason = 'UNSUBSCRIBED' WHERE id = $1`,
      [id],
    );
    return affected > 0;
  }

  /** Null when not the user's. */
  async setDigest(userId: string, id: string, digest: DigestFrequency): Promise<ChannelRow | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(`UPDATE notification_channel SET digest = $3 WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`, [id, userId, digest]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The ids among `ids` that are the user's channels. */
  async ownedIds(userId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM notification_channel WHERE user_id = $1 AND id = ANY($2::uuid[])`, [userId, ids]);
    return new Set(rows.map((row) => row.id));
  }

  /** The unpaused channels the notified fans chose (a named channel counts only for its owner). */
  async activeForChoices(choices: readonly ChannelChoice[]): Promise<{ id: string; userId: string; kind: ChannelKind; digest: DigestFrequency }[]> {
    return (await this.activeForEachChoice(choices)).flat();
  }

  /**
   * The active channels of each choice (result[i] is choices[i]'s), in one statement for many
   * events' choices. A batch repeats the same few fans' choices once per notification (thousands
   * of rows for a hundred fans), so each distinct choice is asked once and its answer shared.
   */
  async activeForEachChoice(choices: readonly ChannelChoice[]): Promise<{ id: string; userId: string; kind: ChannelKind; digest: DigestFrequency }[][]> {
    if (choices.length === 0) return [];
    const keyOf = (choice: ChannelChoice) => `${choice.userId}|${choice.defaults}|${choice.channelIds.join(',')}`;
    const distinct = [...new Map(choices.map((choice) => [keyOf(choice), choice])).values()];
    const rows: { position: string; id: string; user_id: string; kind: ChannelKind; digest: DigestFrequency }[] = await this.db.query(
      `SELECT u.position, c.id, c.user_id, c.kind, c.digest FROM notification_channel c
       JOIN unnest($1::uuid[], $2::boolean[], $3::text[]) WITH ORDINALITY AS u(user_id, defaults, channel_ids, position) ON c.user_id = u.user_id
       WHERE c.paused_at IS NULL AND c.verified_at IS NOT NULL AND ((u.defaults AND c.is_default) OR c.id = ANY(u.channel_ids::uuid[]))`,
      [distinct.map((c) => c.userId), distinct.map((c) => c.defaults), distinct.map((c) => uuidArrayLiteral(c.channelIds))],
    );
    const channelsOf = new Map(distinct.map((choice) => [keyOf(choice), [] as { id: string; userId: string; kind: ChannelKind; digest: DigestFrequency }[]]));
    for (const row of rows) channelsOf.get(keyOf(distinct[Number(row.position) - 1]!))!.push({ id: row.id, userId: row.user_id, kind: row.kind, digest: row.digest });
    return choices.map((choice) => channelsOf.get(keyOf(choice))!);
  }
}

/** One channel kind's view of the table, as the dispatcher's destinations. */
export class ChannelDestinations implements DestinationStore<ChannelDestination> {
  constructor(
    private readonly kind: ChannelKind,
    private readonly describe: (row: { label: string | null; target: string }) => string,
  ) {}

  async loadActive(db: DataSource | EntityManager, ids: readonly string[]): Promise<Map<string, ChannelDestination>> {
    const rows: { id: string; user_id: string; target: string; label: string | null; push_keys: { p256dh: string; auth: string } | null }[] = await db.query(
      `SELECT id, user_id, target, label, push_keys FROM notification_channel WHERE id = ANY($1::uuid[]) AND kind = $2 AND paused_at IS NULL AND verified_at IS NOT NULL`,
      [ids, this.kind],
    );
    return new Map(rows.map((row) => [row.id, { id: row.id, userId: row.user_id, target: row.target, label: this.describe(row), pushKeys: row.push_keys }]));
  }

  async recordSuccess(db: DataSource | EntityManager, id: string): Promise<void> {
    await db.query(`UPDATE notification_channel SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures > 0`, [id]);
  }

  async recordFailure(db: DataSource | EntityManager, id: string, pauseAfterFailures: number, reason: string): Promise<boolean> {
    const [rows]: [{ paused: boolean }[], number] = await db.query(
      `UPDATE notification_channel SET consecutive_failures = consecutive_failures + 1,
         paused_at = CASE WHEN paused_at IS NULL AND consecutive_failures + 1 >= $2 THEN now() ELSE paused_at END,
         pause_reason = CASE WHEN paused_at IS NULL AND consecutive_failures + 1 >= $2 THEN $3 ELSE pause_reason END
       WHERE id = $1
       RETURNING (paused_at IS NOT DISTINCT FROM now()) AS paused`,
      [id, pauseAfterFailures, reason],
    );
    return rows[0]?.paused ?? false;
  }

  async remove(db: DataSource | EntityManager, id: string): Promise<void> {
    await db.query(`DELETE FROM notification_channel WHERE id = $1`, [id]);
  }

  async pause(db: DataSource | EntityManager, id: string, reason: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await db.query(
      `UPDATE notification_channel SET paused_at = now(), pause_reason = $2 WHERE id = $1 AND paused_at IS NULL`,
      [id, reason],
    );
    return affected > 0;
  }
}

function toRow(row: Record<string, unknown>): ChannelRow {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    kind: row.kind as ChannelKind,
    target: String(row.target),
    label: (row.label as string | null) ?? null,
    isDefault: Boolean(row.is_default),
    consecutiveFailures: Number(row.consecutive_failures),
    pausedAt: (row.paused_at as Date | null) ?? null,
    pauseReason: (row.pause_reason as string | null) ?? null,
    verifiedAt: (row.verified_at as Date | null) ?? null,
    digest: row.digest as DigestFrequency,
    createdAt: row.created_at as Date,
  };
}

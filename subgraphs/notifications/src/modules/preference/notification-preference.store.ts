import type { DataSource, EntityManager } from 'typeorm';
import type { Weekday } from '../../domain/digest-schedule.js';

export interface NotificationPreferences {
  timeZone: string;
  /** A language tag ("de", "de-AT"); messages fall back to English for one we do not write. */
  language: string;
  digestHour: number;
  digestWeekday: Weekday;
  /** Minutes of the local day; null: no quiet hours. */
  quietHours: { startMinute: number; endMinute: number } | null;
  /** Null: the fan never saved any (these are the defaults). */
  updatedAt: Date | null;
}

/** What a fan who never chose anything gets. */
export const DEFAULT_PREFERENCES: NotificationPreferences = { timeZone: 'UTC', language: 'en', digestHour: 8, digestWeekday: 'MONDAY', quietHours: null, updatedAt: null };

const COLUMNS = 'user_id, time_zone, language, digest_hour, digest_weekday, quiet_start_minute, quiet_end_minute, updated_at';

/** The only place with SQL for notification_preference. */
export class NotificationPreferenceStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Every given fan's preferences, the defaults for those who chose none. */
  async ofUsers(userIds: readonly string[]): Promise<Map<string, NotificationPreferences>> {
    const unique = [...new Set(userIds)];
    const rows: Record<string, unknown>[] = unique.length > 0 ? await this.db.query(`SELECT ${COLUMNS} FROM notification_preference WHERE user_id = ANY($1::uuid[])`, [unique]) : [];
    const found = new Map(rows.map((row) => [String(row.user_id), toPreferences(row)]));
    return new Map(unique.map((id) => [id, found.get(id) ?? DEFAULT_PREFERENCES]));
  }

  async ofUser(userId: string): Promise<NotificationPreferences> {
    return (await this.ofUsers([userId])).get(userId)!;
  }

  /** Account deletion. */
  async deleteOf(userId: string): Promise<void> {
    await this.db.query(`DELETE FROM notification_preference WHERE user_id = $1`, [userId]);
  }

  async save(userId: string, preferences: Omit<NotificationPreferences, 'updatedAt'>): Promise<NotificationPreferences> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `INSERT INTO notification_preference (user_id, time_zone, language, digest_hour, digest_weekday, quiet_start_minute, quiet_end_minute)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, language = EXCLUDED.language, digest_hour = EXCLUDED.digest_hour,
         digest_weekday = EXCLUDED.digest_weekday, quiet_start_minute = EXCLUDED.quiet_start_minute, quiet_end_minute = EXCLUDED.quiet_end_minute, updated_at = now()
       RETURNING ${COLUMNS}`,
      [
        userId,
        preferences.timeZone,
        preferences.language,
        preferences.digestHour,
        preferences.digestWeekday,
        preferences.quietHours?.startMinute ?? null,
        preferences.quietHours?.endMinute ?? null,
      ],
    );
    return toPreferences(rows[0]!);
  }
}

function toPreferences(row: Record<string, unknown>): NotificationPreferences {
  const start = row.quiet_start_minute as number | null;
  const end = row.quiet_end_minute as number | null;
  return {
    timeZone: String(row.time_zone),
    language: String(row.language),
    digestHour: Number(row.digest_hour),
    digestWeekday: row.digest_weekday as Weekday,
    quietHours: start !== null && end !== null ? { startMinute: Number(start), endMinute: Number(end) } : null,
    updatedAt: row.updated_at as Date,
  };
}

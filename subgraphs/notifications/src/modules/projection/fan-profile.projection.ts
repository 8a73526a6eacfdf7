import type { DataSource, EntityManager } from 'typeorm';
import type { EventData } from '@mrt/events';

/**
 * The only SQL for fan_profile: users' profile country and currency (user.profile.changed), kept
 * so a delivered-price follow defaults to the fan's country without asking users at follow time.
 */
export class FanProfileProjection {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** A late event never overwrites a newer profile. */
  async save(data: EventData<'user.profile.changed'>): Promise<void> {
    await this.db.query(
      `INSERT INTO fan_profile (user_id, country, currency, changed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET country = EXCLUDED.country, currency = EXCLUDED.currency, changed_at = EXCLUDED.changed_at
       WHERE fan_profile.changed_at <= EXCLUDED.changed_at`,
      [data.userId, data.country, data.currency, data.changedAt],
    );
  }

  async countryOf(userId: string): Promise<string | null> {
    const rows: { country: string | null }[] = await this.db.query(`SELECT country FROM fan_profile WHERE user_id = $1`, [userId]);
    return rows[0]?.country ?? null;
  }

  async deleteOf(userId: string): Promise<void> {
    await this.db.query(`DELETE FROM fan_profile WHERE user_id = $1`, [userId]);
  }
}

import type { DataSource, EntityManager } from 'typeorm';
import type { EventData } from '@mrt/events';

/** The only SQL for fan_profile: users' profile currency and country, kept from user.profile.changed. */
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

  async currenciesOf(userIds: readonly string[]): Promise<Map<string, string>> {
    const rows: { user_id: string; currency: string }[] = await this.db.query(`SELECT user_id, currency FROM fan_profile WHERE user_id = ANY($1::uuid[])`, [userIds]);
    return new Map(rows.map((row) => [row.user_id, row.currency]));
  }

  async deleteOf(userId: string): Promise<void> {
    await this.db.query(`DELETE FROM fan_profile WHERE user_id = $1`, [userId]);
  }
}

import type { DataSource, EntityManager } from 'typeorm';

/** What a one-time account link is for; a token of one purpose never serves the other. */
export type AccountTokenPurpose = 'VERIFY_EMAIL' | 'RESET_PASSWORD';

/** The only place with SQL for account_token; tokens are known here by their hashes only. */
export class AccountTokenStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  async insert(token: { tokenHash: string; userId: string; purpose: AccountTokenPurpose; expiresAt: Date }): Promise<void> {
    await this.db.query(`INSERT INTO account_token (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4)`, [
      token.tokenHash,
      token.userId,
      token.purpose,
      token.expiresAt,
    ]);
  }

  /** A newer link replaces the older ones: only the last mail sent works. */
  async spendOutstanding(userId: string, purpose: AccountTokenPurpose, at: Date): Promise<void> {
    await this.db.query(`UPDATE account_token SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose, at]);
  }

  /**
   * Spends the token in one statement and returns its account, or null when it is unknown, of
   * another purpose, spent or expired: two concurrent uses cannot both succeed.
   */
  async consume(tokenHash: string, purpose: AccountTokenPurpose, at: Date): Promise<string | null> {
    const [rows]: [{ user_id: string }[], number] = await this.db.query(
      `UPDATE account_token SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 RETURNING user_id`,
      [tokenHash, purpose, at],
    );
    return rows[0]?.user_id ?? null;
  }
}

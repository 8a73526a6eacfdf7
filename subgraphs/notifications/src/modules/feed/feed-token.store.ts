import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { FeedKind } from './feed-kind.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The only place with SQL for feed_token. Only a token's hash is stored. */
export class FeedTokenStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Account deletion: every row of the user. */
  async deleteAllOf(userId: string): Promise<void> {
    await this.db.query(`DELETE FROM feed_token WHERE user_id = $1`, [userId]);
  }

  async insert(token: string, userId: string, kind: FeedKind): Promise<void> {
    await this.db.query(`INSERT INTO feed_token (token_hash, user_id, kind) VALUES ($1, $2, $3)`, [hashOf(token), userId, kind]);
  }

  /** Revokes the user's live token of this kind; how many were live. */
  async revoke(userId: string, kind: FeedKind): Promise<number> {
    const [, affected]: [unknown[], number] = await this.db.query(`UPDATE feed_token SET revoked_at = now() WHERE user_id = $1 AND kind = $2 AND revoked_at IS NULL`, [userId, kind]);
    return affected;
  }

  async userFor(token: string, kind: FeedKind): Promise<string | null> {
    const rows: { user_id: string }[] = await this.db.query(`SELECT user_id FROM feed_token WHERE token_hash = $1 AND kind = $2 AND revoked_at IS NULL`, [hashOf(token), kind]);
    return rows[0]?.user_id ?? null;
  }
}

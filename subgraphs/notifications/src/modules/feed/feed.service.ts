import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FEED_PATHS, type FeedKind } from './feed-kind.js';

export interface UpcomingRelease {
  releaseId: string;
  title: string;
  releaseDate: string;
  releaseDateText: string | null;
}

/**
 * Secret, revocable feed URLs: feed readers and calendar apps cannot send a bearer token, so the
 * URL itself is the credential. Only its hash is stored; a new URL revokes the previous one.
 */
export class FeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publicUrl: string,
  ) {}

  async createUrl(userId: string, kind: FeedKind): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE feed_token SET revoked_at = now() WHERE user_id = $1 AND kind = $2 AND revoked_at IS NULL`, [userId, kind]);
      await manager.query(`INSERT INTO feed_token (token_hash, user_id, kind) VALUES ($1, $2, $3)`, [hashToken(token), userId, kind]);
    });
    return `${this.publicUrl.replace(/\/$/, '')}${FEED_PATHS[kind]}?token=${token}`;
  }

  async revoke(userId: string, kind: FeedKind): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE feed_token SET revoked_at = now() WHERE user_id = $1 AND kind = $2 AND revoked_at IS NULL`,
      [userId, kind],
    );
    return result[1] > 0;
  }

  async userForToken(token: string, kind: FeedKind): Promise<string | null> {
    if (!/^[\w-]{20,100}$/.test(token)) return null;
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT user_id FROM feed_token WHERE token_hash = $1 AND kind = $2 AND revoked_at IS NULL`,
      [hashToken(token), kind],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Day-exact releases from yesterday on of the bands the user follows (a calendar needs a day). */
  async upcomingReleasesOfFollowedBands(userId: string, limit = 200): Promise<UpcomingRelease[]> {
    const rows: { release_id: string; title: string; release_date: string; release_date_text: string | null }[] = await this.dataSource.query(
      `SELECT r.release_id, r.title, to_char(r.release_date, 'YYYY-MM-DD') AS release_date, r.release_date_text
       FROM release_projection r
       WHERE r.release_date_precision = 'DAY' AND r.release_date >= current_date - 1
         AND r.band_ids && ARRAY(SELECT target_id FROM follow WHERE user_id = $1 AND target_type = 'BAND')
       ORDER BY r.release_date, r.release_id LIMIT $2`,
      [userId, limit],
    );
    return rows.map((row) => ({ releaseId: row.release_id, title: row.title, releaseDate: row.release_date, releaseDateText: row.release_date_text }));
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

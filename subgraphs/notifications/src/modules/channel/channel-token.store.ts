import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** VERIFY: confirm an email address; UNSUBSCRIBE: an email's unsubscribe link; LINK: a Telegram chat's /start. */
export type ChannelTokenPurpose = 'VERIFY' | 'UNSUBSCRIBE' | 'LINK';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The only place with SQL for channel_token. Tokens are random; only their hashes are stored. */
export class ChannelTokenStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  async create(channelId: string, purpose: ChannelTokenPurpose, ttlMs: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(`INSERT INTO channel_token (token_hash, channel_id, purpose, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [
      hashOf(token),
      channelId,
      purpose,
      ttlMs / 1000,
    ]);
    return token;
  }

  /** A confirmation token works once, before it expires; the channel id, or null. */
  async consumeOnce(token: string, purpose: ChannelTokenPurpose): Promise<string | null> {
    const [rows]: [{ channel_id: string }[], number] = await this.db.query(
      `UPDATE channel_token SET used_at = now() WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() RETURNING channel_id`,
      [hashOf(token), purpose],
    );
    return rows[0]?.channel_id ?? null;
  }

  /** An unsubscribe link keeps working (a second click changes nothing), until it expires. */
  async channelFor(token: string, purpose: ChannelTokenPurpose): Promise<string | null> {
    const rows: { channel_id: string }[] = await this.db.query(`SELECT channel_id FROM channel_token WHERE token_hash = $1 AND purpose = $2 AND expires_at > now()`, [
      hashOf(token),
      purpose,
    ]);
    return rows[0]?.channel_id ?? null;
  }
}

import type { DataSource, EntityManager, Repository } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity.js';

/** The only place with SQL for refresh_token; tokens are known here by their hashes only. */
export class RefreshTokenStore {
  private readonly tokens: Repository<RefreshTokenEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.tokens = db.getRepository(RefreshTokenEntity);
  }

  async insert(token: Pick<RefreshTokenEntity, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.tokens.insert(token);
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  /** Row-locked until the transaction ends: two concurrent uses of one token cannot both succeed. */
  lockByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.createQueryBuilder('t').setLock('pessimistic_write').where('t.token_hash = :hash', { hash: tokenHash }).getOne();
  }

  async markUsed(id: string): Promise<void> {
    await this.tokens.update({ id }, { usedAt: new Date() });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.db.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}

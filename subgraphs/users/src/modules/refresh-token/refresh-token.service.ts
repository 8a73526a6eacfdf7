import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { UnauthenticatedError } from '@mrt/graphql-kit';
import { RefreshTokenEntity } from './refresh-token.entity.js';

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
}

export type RotationResult =
  | { ok: true; userId: string; next: IssuedRefreshToken }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

/**
 * Opaque refresh tokens: 256 random bits, stored only as SHA-256 hashes, rotated on every use.
 * A spent token presented again means it was copied: the whole family (that login's chain)
 * is revoked, so the thief and the victim both have to sign in again.
 */
export class RefreshTokenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlDays: number,
  ) {}

  issue(userId: string, manager: EntityManager = this.dataSource.manager, familyId: string = randomUUID()): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlDays * 86_400_000);
    return manager
      .getRepository(RefreshTokenEntity)
      .insert({ userId, familyId, tokenHash: hashToken(token), expiresAt })
      .then(() => ({ token, expiresAt }));
  }

  /** Spends `token` and returns its successor, or why it cannot be used. */
  async rotate(token: string): Promise<RotationResult> {
    const result = await this.dataSource.transaction(async (manager): Promise<RotationResult> => {
      const repository = manager.getRepository(RefreshTokenEntity);
      // Row lock: two concurrent uses of one token cannot both succeed.
      const row = await repository
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashToken(token) })
        .getOne();
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.revokedAt) return { ok: false, reason: 'revoked' };
      if (row.usedAt) return { ok: false, reason: 'reused' };
      if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
      await repository.update({ id: row.id }, { usedAt: new Date() });
      return { ok: true, userId: row.userId, next: await this.issue(row.userId, manager, row.familyId) };
    });
    // Revoked in its own transaction so the revocation stands although the caller fails.
    if (!result.ok && result.reason === 'reused') await this.revokeFamilyOf(token);
    return result;
  }

  /** Logout: the token's whole family stops working. False when the token is unknown. */
  async revokeFamilyOf(token: string): Promise<boolean> {
    const row = await this.dataSource.getRepository(RefreshTokenEntity).findOneBy({ tokenHash: hashToken(token) });
    if (!row) return false;
    await this.dataSource.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [row.familyId]);
    return true;
  }

  /** After a password change every session of the user ends. */
  async revokeAllOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

export function refreshFailure(reason: Exclude<RotationResult, { ok: true }>['reason']): UnauthenticatedError {
  const messages = {
    unknown: 'Refresh token is not valid',
    expired: 'Refresh token expired; sign in again',
    revoked: 'Refresh token was revoked; sign in again',
    reused: 'Refresh token was already used: every session of this sign-in has been revoked',
  } as const;
  return new UnauthenticatedError(messages[reason], { reason: reason.toUpperCase() });
}

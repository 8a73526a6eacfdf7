import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { UnauthenticatedError } from '@mrt/graphql-kit';
import { RefreshTokenStore } from './refresh-token.store.js';

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

  /** The first token of a new sign-in (a family of its own). */
  issue(userId: string): Promise<IssuedRefreshToken> {
    return this.newToken(new RefreshTokenStore(this.dataSource), userId, randomUUID());
  }

  /** Spends `token` and returns its successor, or why it cannot be used. */
  async rotate(token: string): Promise<RotationResult> {
    const result = await this.dataSource.transaction(async (manager): Promise<RotationResult> => {
      const tokens = new RefreshTokenStore(manager);
      const row = await tokens.lockByHash(hashToken(token));
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.revokedAt) return { ok: false, reason: 'revoked' };
      if (row.usedAt) return { ok: false, reason: 'reused' };
      if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
      await tokens.markUsed(row.id);
      return { ok: true, userId: row.userId, next: await this.newToken(tokens, row.userId, row.familyId) };
    });
    // Revoked in its own transaction so the revocation stands although the caller fails.
    if (!result.ok && result.reason === 'reused') await this.revokeFamilyOf(token);
    return result;
  }

  /** Logout: the token's whole family stops working. False when the token is unknown. */
  async revokeFamilyOf(token: string): Promise<boolean> {
    const tokens = new RefreshTokenStore(this.dataSource);
    const row = await tokens.findByHash(hashToken(token));
    if (!row) return false;
    await tokens.revokeFamily(row.familyId);
    return true;
  }

  private async newToken(tokens: RefreshTokenStore, userId: string, familyId: string): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlDays * 86_400_000);
    await tokens.insert({ userId, familyId, tokenHash: hashToken(token), expiresAt });
    return { token, expiresAt };
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

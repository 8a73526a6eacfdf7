import type { Logger, SessionRevocations } from '@mrt/platform';

/** The verifiers' tolerated clock skew: a mark must outlive a token that far past its expiry. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Ends an account's access tokens at once, not when they expire: its refresh tokens are revoked in
 * the database, and this marks the user for every token verifier (gateway and subgraphs). Called
 * after the transaction that ended the sessions committed; a mark that cannot be written is logged,
 * and the tokens then live out their lifetime as they did before marks existed.
 */
export class EndedSessions {
  private readonly markTtlSeconds: number;

  constructor(
    private readonly revocations: SessionRevocations | undefined,
    accessTokenTtlSeconds: number,
    private readonly logger?: Logger,
  ) {
    this.markTtlSeconds = accessTokenTtlSeconds + CLOCK_TOLERANCE_SECONDS;
  }

  /** Password reset or change: tokens issued before this second are refused; a sign-in from now on works. */
  endAll(userId: string): Promise<void> {
    return this.mark(userId, nowSeconds());
  }

  /** Account deletion: every token of the account is refused, whenever it was issued. */
  endForever(userId: string): Promise<void> {
    return this.mark(userId, nowSeconds() + this.markTtlSeconds);
  }

  private async mark(userId: string, notBeforeSeconds: number): Promise<void> {
    try {
      await this.revocations?.revoke(userId, notBeforeSeconds, this.markTtlSeconds);
    } catch (error) {
      this.logger?.warn({ err: error, userId }, 'ended sessions not marked: the access tokens stay valid until they expire');
    }
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1_000);
}

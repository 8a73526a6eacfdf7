import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { createEvent, enqueueEvents, subjects } from '@mrt/events';
import { BadUserInputError, RateLimitedError, parseInput } from '@mrt/graphql-kit';
import type { Logger, RateLimiter } from '@mrt/platform';
import type { EndedSessions } from '../auth/ended-sessions.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { RefreshTokenStore } from '../refresh-token/refresh-token.store.js';
import { UserStore } from '../user/user.store.js';
import type { AccountLinks } from './account-links.js';
import { deleteAccountSchema, requestPasswordResetSchema, resetPasswordSchema, verifyEmailSchema } from './account.validation.js';

export interface AccountOptions {
  /** Link emails per address and per client address in a window: no mailbox is flooded from here. */
  linkEmails: { maxPerAddress: number; maxPerIp: number; windowSeconds: number };
  /** A reset request answers no sooner than this, so its timing does not tell whether the address has an account. */
  resetResponseFloorMs: number;
  /** Wrong passwords per account when deleting it (the sign-in limit's window). */
  deletion: { maxPerAccount: number; windowSeconds: number };
}

const INVALID_LINK = 'is invalid or has expired';

/** Email verification, password reset by email and account deletion. */
export class AccountService {
  private readonly users: UserStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly links: AccountLinks,
    private readonly limiter: RateLimiter,
    private readonly options: AccountOptions,
    private readonly logger?: Logger,
    private readonly endedSessions?: EndedSessions,
  ) {
    this.users = new UserStore(dataSource);
  }

  /** Mails a new verification link to the signed-in account's address; nothing when it is verified already. */
  async requestEmailVerification(userId: string, clientIp: string | null): Promise<boolean> {
    const user = await this.users.get(userId);
    if (user.emailVerifiedAt) return true;
    await this.limitLinkEmails(user.email, clientIp);
    await this.dataSource.transaction((manager) => this.links.send(manager, user, 'VERIFY_EMAIL'));
    return true;
  }

  async verifyEmail(input: unknown): Promise<boolean> {
    const { token } = parseInput(verifyEmailSchema, input);
    await this.dataSource.transaction(async (manager) => {
      const userId = await this.links.consume(manager, token, 'VERIFY_EMAIL');
      if (!userId) throw invalidLink();
      await new UserStore(manager).markEmailVerified(userId, this.links.now());
    });
    return true;
  }

  /**
   * Always true, no sooner than the response floor, whether or not the address has an account:
   * neither the answer nor its timing tells an attacker which addresses are registered.
   */
  async requestPasswordReset(input: unknown, clientIp: string | null): Promise<boolean> {
    const { email } = parseInput(requestPasswordResetSchema, input);
    await this.limitLinkEmails(email, clientIp);
    const floor = sleep(this.options.resetResponseFloorMs);
    const user = await this.users.findByEmail(email);
    if (user) await this.dataSource.transaction((manager) => this.links.send(manager, user, 'RESET_PASSWORD'));
    await floor;
    return true;
  }

  /**
   * Sets a new password with a reset link, which it spends; every session of the account ends
   * (whoever made the reset necessary may hold one). Following the link proved the address too.
   */
  async resetPassword(input: unknown): Promise<boolean> {
    const { token, newPassword } = parseInput(resetPasswordSchema, input);
    const passwordHash = await hashPassword(newPassword);
    const userId = await this.dataSource.transaction(async (manager) => {
      const id = await this.links.consume(manager, token, 'RESET_PASSWORD');
      if (!id) throw invalidLink();
      const users = new UserStore(manager);
      const user = await users.findCredentials(id);
      // Thrown inside the transaction: the link stays unspent for a better password.
      if (user && newPassword.toLowerCase() === user.email.toLowerCase()) {
        throw new BadUserInputError('Invalid input', [{ path: 'newPassword', message: 'must not be your email address' }]);
      }
      await users.setPasswordHash(id, passwordHash);
      await users.markEmailVerified(id, this.links.now());
      await new RefreshTokenStore(manager).revokeAllOf(id);
      return id;
    });
    // Whoever made the reset necessary may hold an access token too.
    await this.endedSessions?.endAll(userId);
    return true;
  }

  /**
   * Deletes the account after checking its password; `user.deleted` tells every other subgraph to
   * remove what it holds of this fan. Its sessions and links go with the row.
   */
  async deleteAccount(userId: string, input: unknown): Promise<boolean> {
    const { password } = parseInput(deleteAccountSchema, input);
    const { maxPerAccount, windowSeconds } = this.options.deletion;
    const decision = await this.limiter.consume(`delete:account:${userId}`, { limit: maxPerAccount, windowMs: windowSeconds * 1000 });
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds, 'Too many attempts');
    const user = await this.users.findCredentials(userId);
    if (!user || !(await verifyPassword(user.passwordHash, password))) {
      throw new BadUserInputError('Password is wrong', [{ path: 'password', message: 'is wrong' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      await new UserStore(manager).delete(userId);
      await enqueueEvents(manager, [
        createEvent('user.deleted', { producer: 'users', subject: subjects.user(userId), data: { userId, deletedAt: this.links.now().toISOString() } }),
      ]);
    });
    await this.endedSessions?.endForever(userId);
    this.logger?.info({ userId }, 'account deleted');
    return true;
  }

  private async limitLinkEmails(email: string, clientIp: string | null): Promise<void> {
    const { maxPerAddress, maxPerIp, windowSeconds } = this.options.linkEmails;
    const window = { windowMs: windowSeconds * 1000 };
    const perIp = await this.limiter.consume(`account-link:ip:${clientIp ?? 'unknown'}`, { ...window, limit: maxPerIp });
    const perAddress = await this.limiter.consume(`account-link:address:${email}`, { ...window, limit: maxPerAddress });
    for (const decision of [perIp, perAddress]) {
      if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds, 'Too many emails requested');
    }
  }
}

function invalidLink(): BadUserInputError {
  return new BadUserInputError('This link is invalid or has expired', [{ path: 'token', message: INVALID_LINK }]);
}

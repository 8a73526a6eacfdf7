import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { createEvent, enqueueEvents, subjects } from '@mrt/events';
import { AccountTokenStore, type AccountTokenPurpose } from '../account-token/account-token.store.js';
import { hashToken } from '../refresh-token/refresh-token.service.js';

export interface AccountLinkOptions {
  /** The web app's origin: links open its /verify-email and /reset-password pages. */
  webUrl: string;
  verificationTtlMs: number;
  resetTtlMs: number;
  clock: () => Date;
}

const PAGES: Record<AccountTokenPurpose, string> = { VERIFY_EMAIL: 'verify-email', RESET_PASSWORD: 'reset-password' };
const EVENTS = { VERIFY_EMAIL: 'user.email.verification.requested', RESET_PASSWORD: 'user.password.reset.requested' } as const;

/**
 * One-time links to the account's own address: 256 random bits, kept as a SHA-256 hash, mailed by
 * notifications from the event this writes into the outbox. A new link spends the older ones.
 */
export class AccountLinks {
  constructor(private readonly options: AccountLinkOptions) {}

  now(): Date {
    return this.options.clock();
  }

  /** Inside the caller's transaction, so the token and its email commit (or vanish) together. */
  async send(manager: EntityManager, user: { id: string; email: string }, purpose: AccountTokenPurpose): Promise<void> {
    const now = this.now();
    const token = randomBytes(32).toString('base64url');
    const ttlMs = purpose === 'VERIFY_EMAIL' ? this.options.verificationTtlMs : this.options.resetTtlMs;
    const expiresAt = new Date(now.getTime() + ttlMs);
    const tokens = new AccountTokenStore(manager);
    await tokens.spendOutstanding(user.id, purpose, now);
    await tokens.insert({ tokenHash: hashToken(token), userId: user.id, purpose, expiresAt });
    const link = `${this.options.webUrl.replace(/\/$/, '')}/${PAGES[purpose]}?token=${token}`;
    await enqueueEvents(manager, [
      createEvent(EVENTS[purpose], {
        producer: 'users',
        subject: subjects.user(user.id),
        data: { userId: user.id, email: user.email, link, expiresAt: expiresAt.toISOString() },
      }),
    ]);
  }

  /** The account the token was for, spending it; null when unknown, of another purpose, spent or expired. */
  consume(manager: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<string | null> {
    return new AccountTokenStore(manager).consume(hashToken(token), purpose, this.now());
  }
}

import type { EntityManager } from 'typeorm';
import type { EventOf } from '@mrt/events';
import type { Logger } from '@mrt/platform';
import type { EmailSettings } from '../email/email-transport.js';
import { NotificationPreferenceStore } from '../preference/notification-preference.store.js';
import { accountEmail, type AccountEmailKind } from './account-email-templates.js';

type AccountLinkEvent = EventOf<'user.email.verification.requested' | 'user.password.reset.requested'>;

/**
 * Mails the one-time links users asks for (verification, password reset) to the account's
 * address, through the same SMTP transport as the email channel. Not a fan's channel: sent at
 * once, whatever the digest and quiet-hour settings, in the fan's language.
 *
 * Sent inside the consumer's transaction, not through the delivery queue: a queue row is a
 * notification (or a digest) for a fan's channel destination, and a link email is neither (the
 * address is the account's, not a channel's), so moving it there means a third row shape, its
 * one-time link stored at rest in the queue (today only the event carries it) and a sender
 * without a destination. What the queue would add is kept here differently: a failed send throws,
 * so the bus retries and at last dead-letters it, and a redelivered event is the same Message-ID.
 * The cost of the gap: a transaction held open for one SMTP exchange.
 */
export class AccountEmailService {
  constructor(
    private readonly email: EmailSettings | null,
    private readonly logger: Logger,
  ) {}

  /** Throws when the SMTP server refuses, so the bus retries (and dead-letters at last). */
  async send(event: AccountLinkEvent, manager: EntityManager): Promise<void> {
    const kind: AccountEmailKind = event.type === 'user.password.reset.requested' ? 'RESET_PASSWORD' : 'VERIFY_EMAIL';
    const { userId, email, link, expiresAt } = event.data;
    if (!this.email) {
      this.logger.warn({ userId, kind }, 'account email not sent: SMTP_URL is not set');
      return;
    }
    if (new Date(expiresAt).getTime() <= Date.now()) return; // a dead link helps no one
    const { language } = await new NotificationPreferenceStore(manager).ofUser(userId);
    const validMinutes = (new Date(expiresAt).getTime() - new Date(event.occurredAt).getTime()) / 60_000;
    const rendered = accountEmail(kind, language, link, validMinutes);
    await this.email.transport.sendMail({
      from: this.email.from,
      to: email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      // A redelivered event is the same message to a mailbox that deduplicates.
      messageId: `<${event.id}@metal-release-tracker>`,
    });
  }
}

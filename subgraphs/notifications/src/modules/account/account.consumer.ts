import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { AccountEmailService } from './account-email.service.js';
import { eraseAccount } from './account-erasure.service.js';
import { FanProfileProjection } from '../projection/fan-profile.projection.js';

/**
 * The users subgraph's account events (group `notifications`, stream users.accounts): the link
 * emails it asks for, deleted accounts, whose data goes, and the fans' profile country (the
 * default of a delivered-price follow).
 */
export function accountConsumer(emails: AccountEmailService): EventConsumerDefinition {
  return eventConsumer({
    group: 'notifications',
    types: ['user.email.verification.requested', 'user.password.reset.requested', 'user.deleted', 'user.profile.changed'],
    handle: (event, manager) => {
      if (event.type === 'user.deleted') return eraseAccount(manager, event.data.userId);
      if (event.type === 'user.profile.changed') return new FanProfileProjection(manager).save(event.data);
      return emails.send(event, manager);
    },
  });
}

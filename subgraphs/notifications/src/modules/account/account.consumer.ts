import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { AccountEmailService } from './account-email.service.js';
import { eraseAccount } from './account-erasure.service.js';

/**
 * The users subgraph's account events (group `notifications`, stream users.accounts): the link
 * emails it asks for, and deleted accounts, whose data goes.
 */
export function accountConsumer(emails: AccountEmailService): EventConsumerDefinition {
  return eventConsumer({
    group: 'notifications',
    types: ['user.email.verification.requested', 'user.password.reset.requested', 'user.deleted'],
    handle: (event, manager) => (event.type === 'user.deleted' ? eraseAccount(manager, event.data.userId) : emails.send(event, manager)),
  });
}

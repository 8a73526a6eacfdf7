import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import { AuditEntryService } from './audit-entry.service.js';

/** Every subgraph's operator mutations into the one audit store (group "users"). */
export const auditEntryConsumer: EventConsumerDefinition = eventConsumer({
  group: 'users',
  types: ['audit.recorded'],
  handle: (event, manager) => AuditEntryService.record(manager, event),
});

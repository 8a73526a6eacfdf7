import type { EventHandlers } from '../../event-handlers.js';
import { CollectionItemStore } from './collection-item.store.js';

/** A deleted account (users' `user.deleted`): the fan's collection goes with it. */
export function accountDeletedConsumer(): EventHandlers<'user.deleted'> {
  return {
    'user.deleted': (event, manager) => new CollectionItemStore(manager).deleteAllOf(event.data.userId),
  };
}

import type { EventHandlers } from '../../event-handlers.js';
import { FanProfileProjection } from '../fan-profile/fan-profile.projection.js';
import { CollectionItemStore } from './collection-item.store.js';

/** A deleted account (users' `user.deleted`): the fan's collection and profile copy go with it. */
export function accountDeletedConsumer(): EventHandlers<'user.deleted'> {
  return {
    'user.deleted': async (event, manager) => {
      await new CollectionItemStore(manager).deleteAllOf(event.data.userId);
      await new FanProfileProjection(manager).deleteOf(event.data.userId);
    },
  };
}

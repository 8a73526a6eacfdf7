import type { EventHandlers } from '../../event-handlers.js';
import { FanProfileProjection } from './fan-profile.projection.js';

/** A fan's profile from users (user.profile.changed): their default currency here. */
export function fanProfileConsumer(): EventHandlers<'user.profile.changed'> {
  return {
    'user.profile.changed': (event, manager) => new FanProfileProjection(manager).save(event.data),
  };
}

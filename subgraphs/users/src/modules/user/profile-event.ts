import type { EntityManager } from 'typeorm';
import { createEvent, enqueueEvents, subjects } from '@mrt/events';
import type { UserEntity } from './user.entity.js';

/** Tells the subgraphs that keep a copy of the fan's currency and country (user.profile.changed). */
export async function announceProfile(manager: EntityManager, user: Pick<UserEntity, 'id' | 'country' | 'currency'>): Promise<void> {
  await enqueueEvents(manager, [
    createEvent('user.profile.changed', {
      producer: 'users',
      subject: subjects.user(user.id),
      data: { userId: user.id, country: user.country, currency: user.currency, changedAt: new Date().toISOString() },
    }),
  ]);
}

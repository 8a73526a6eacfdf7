import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '@mrt/graphql-kit';
import type { NotificationPreferenceService } from './notification-preference.service.js';
import { NotificationPreferencesInput, NotificationPreferencesView } from './notification-preference.type.js';

@Resolver(() => NotificationPreferencesView)
export class NotificationPreferenceResolver {
  constructor(private readonly preferences: NotificationPreferenceService) {}

  @Authorized()
  @Query(() => NotificationPreferencesView, { description: 'Your time zone, language, digest time and quiet hours (defaults until you change them)' })
  myNotificationPreferences(@Ctx() context: RequestContext): Promise<NotificationPreferencesView> {
    return this.preferences.get(requireUser(context).id);
  }

  @Authorized()
  @Mutation(() => NotificationPreferencesView, { description: 'Set your time zone, language, digest time and quiet hours' })
  updateNotificationPreferences(
    @Ctx() context: RequestContext,
    @Arg('input', () => NotificationPreferencesInput) input: NotificationPreferencesInput,
  ): Promise<NotificationPreferencesView> {
    return this.preferences.update(requireUser(context).id, { ...input });
  }
}

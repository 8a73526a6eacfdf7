import type { DataSource } from 'typeorm';
import { parseInput } from '@mrt/graphql-kit';
import { clockTimeOf, minuteOfDayOf } from '../../domain/quiet-hours.js';
import { NotificationPreferenceStore, type NotificationPreferences } from './notification-preference.store.js';
import type { NotificationPreferencesView } from './notification-preference.type.js';
import { preferencesSchema } from './notification-preference.validation.js';

/** A fan's time zone, language, digest time and quiet hours, which every channel outside the app follows. */
export class NotificationPreferenceService {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<NotificationPreferencesView> {
    return toView(await new NotificationPreferenceStore(this.dataSource).ofUser(userId));
  }

  async update(userId: string, input: unknown): Promise<NotificationPreferencesView> {
    const parsed = parseInput(preferencesSchema, input);
    const start = parsed.quietHoursStart ? minuteOfDayOf(parsed.quietHoursStart) : null;
    const end = parsed.quietHoursEnd ? minuteOfDayOf(parsed.quietHoursEnd) : null;
    const saved = await new NotificationPreferenceStore(this.dataSource).save(userId, {
      timeZone: parsed.timeZone,
      language: parsed.language,
      digestHour: parsed.digestHour,
      digestWeekday: parsed.digestWeekday,
      quietHours: start !== null && end !== null ? { startMinute: start, endMinute: end } : null,
    });
    return toView(saved);
  }
}

function toView(preferences: NotificationPreferences): NotificationPreferencesView {
  return {
    timeZone: preferences.timeZone,
    language: preferences.language,
    digestHour: preferences.digestHour,
    digestWeekday: preferences.digestWeekday,
    quietHoursStart: preferences.quietHours ? clockTimeOf(preferences.quietHours.startMinute) : null,
    quietHoursEnd: preferences.quietHours ? clockTimeOf(preferences.quietHours.endMinute) : null,
    updatedAt: preferences.updatedAt,
  };
}

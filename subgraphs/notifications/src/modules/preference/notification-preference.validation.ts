import { z } from 'zod';
import { WEEKDAYS } from '../../domain/digest-schedule.js';
import { minuteOfDayOf } from '../../domain/quiet-hours.js';
import { isTimeZone } from '../../domain/zoned-time.js';

const clockTime = z
  .string()
  .trim()
  .refine((value) => minuteOfDayOf(value) !== null, 'must be a 24-hour time as HH:MM, e.g. 22:00')
  .nullish();

export const preferencesSchema = z
  .object({
    timeZone: z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
    language: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or de')
      .max(35),
    digestHour: z.number().int('must be a whole hour').min(0, 'must be an hour from 0 to 23').max(23, 'must be an hour from 0 to 23'),
    digestWeekday: z.enum(WEEKDAYS),
    quietHoursStart: clockTime,
    quietHoursEnd: clockTime,
  })
  .superRefine((input, context) => {
    const start = input.quietHoursStart ?? null;
    const end = input.quietHoursEnd ?? null;
    if ((start === null) !== (end === null)) {
      context.addIssue({ code: 'custom', path: [start === null ? 'quietHoursStart' : 'quietHoursEnd'], message: 'quiet hours need both a start and an end' });
    } else if (start !== null && start === end) {
      context.addIssue({ code: 'custom', path: ['quietHoursEnd'], message: 'must differ from the start' });
    }
  });

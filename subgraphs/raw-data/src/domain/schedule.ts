import { CronExpressionParser } from 'cron-parser';

/**
 * Schedules are cron expressions as BullMQ reads them (the same parser, 5 or 6 fields, UTC), so
 * a schedule that passes here is one both run queues accept.
 */
export function cronProblem(expression: string): string | null {
  if (expression.trim() === '') return 'must not be empty';
  try {
    const next = CronExpressionParser.parse(expression, { tz: 'UTC' }).next();
    return next ? null : 'never fires';
  } catch (error) {
    return `not a cron expression (${error instanceof Error ? error.message : String(error)})`;
  }
}

export function nextFire(expression: string, after: Date): Date {
  return CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: after }).next().toDate();
}

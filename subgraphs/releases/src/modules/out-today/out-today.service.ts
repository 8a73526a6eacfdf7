import type { DataSource } from 'typeorm';
import { createEvent, enqueueEvents, subjects, type OutboxRelay } from '@mrt/events';
import { OutTodayStore } from './out-today.store.js';

/** The UTC calendar day of an instant, "2027-03-14". */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * release.out_today for every release whose (day-precise) date is the given day. The
 * release_out_today row is written in the transaction of the event, so running the job again the
 * same day (a restart, a second replica) announces nothing twice.
 */
export class OutTodayService {
  private readonly days: OutTodayStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay?: Pick<OutboxRelay, 'notify'>,
  ) {
    this.days = new OutTodayStore(dataSource);
  }

  /** The out-today days recorded for these releases, per release. */
  daysFor(releaseIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.days.daysFor(releaseIds);
  }

  async run(day: string): Promise<number> {
    const count = await this.dataSource.transaction(async (manager) => {
      const rows = await new OutTodayStore(manager).recordDue(day);
      await enqueueEvents(
        manager,
        rows.map((row) =>
          createEvent('release.out_today', {
            producer: 'releases',
            subject: subjects.release(row.id),
            data: { releaseId: row.id, bandIds: row.bandIds, title: row.title, releaseDate: day },
          }),
        ),
      );
      return rows.length;
    });
    if (count > 0) this.relay?.notify();
    return count;
  }
}

/** Runs the job at start-up and then every `intervalMs`; "now" comes from `clock` so tests pick the day. */
export class OutTodayScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly service: OutTodayService,
    private readonly options: { intervalMs: number; clock: () => Date; onError: (error: unknown) => void },
  ) {}

  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): Promise<unknown> {
    this.running = this.service.run(utcDay(this.options.clock())).catch(this.options.onError);
    return this.running;
  }
}

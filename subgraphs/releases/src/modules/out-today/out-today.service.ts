import type { DataSource } from 'typeorm';
import { createEvent, enqueueEvents, rowsOf, subjects, type OutboxRelay } from '@mrt/events';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay?: Pick<OutboxRelay, 'notify'>,
  ) {}

  /** The out-today days recorded for these releases, per release. */
  async daysFor(releaseIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = rowsOf<{ release_id: string; day: string }>(
      await this.dataSource.query(`SELECT release_id, day::text AS day FROM release_out_today WHERE release_id = ANY($1::uuid[]) ORDER BY day`, [releaseIds]),
    );
    const days = new Map<string, string[]>();
    for (const row of rows) days.set(row.release_id, [...(days.get(row.release_id) ?? []), row.day]);
    return days;
  }

  async run(day: string): Promise<number> {
    const count = await this.dataSource.transaction(async (manager) => {
      const rows = rowsOf<{ id: string; band_ids: string[]; title: string }>(
        await manager.query(
          `WITH due AS (
             INSERT INTO release_out_today (release_id, day)
             SELECT id, $1::date FROM release WHERE release_date = $1::date AND release_date_precision = 'DAY'
             ON CONFLICT DO NOTHING
             RETURNING release_id
           )
           SELECT r.id, r.band_ids, r.title FROM release r JOIN due ON due.release_id = r.id ORDER BY r.id`,
          [day],
        ),
      );
      await enqueueEvents(
        manager,
        rows.map((row) =>
          createEvent('release.out_today', {
            producer: 'releases',
            subject: subjects.release(row.id),
            data: { releaseId: row.id, bandIds: row.band_ids, title: row.title, releaseDate: day },
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

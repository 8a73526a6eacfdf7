/** A source as far as scheduling cares. */
export interface ScheduledSource {
  id: string;
  schedule: string | null;
  enabled: boolean;
}

/**
 * Hands queued runs to workers and fires cron schedules. Two implementations: BullMQ on Redis
 * (schedules survive restarts in Redis, several replicas share the work) and in-process timers
 * for the embedded mode. Neither decides whether a run may start: the parser_run table does.
 */
export interface RunQueue {
  readonly kind: 'bullmq' | 'in-process';
  /** Loads every source's schedule and dispatches runs still QUEUED (e.g. queued before a restart). */
  start(sources: readonly ScheduledSource[], queuedRunIds: readonly string[]): Promise<void>;
  stop(): Promise<void>;
  dispatch(runId: string): Promise<void>;
  /** Creates, changes or removes the source's schedule to match it. */
  syncSchedule(source: ScheduledSource): Promise<void>;
}

/** What a queue calls: a schedule fired (queue a run and execute it), or a queued run is due. */
export interface RunQueueHandlers {
  onScheduleFired(sourceId: string): Promise<void>;
  onRunDue(runId: string): Promise<void>;
}

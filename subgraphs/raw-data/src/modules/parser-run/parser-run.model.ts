export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PARTIAL'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRIGGERS = ['MANUAL', 'SCHEDULE'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Kept per run so a pathological shop cannot grow one row without bound; the counts stay exact. */
export const MAX_ISSUES_KEPT = 200;

export interface BackoffOptions {
  /** Delay after the first failed attempt. */
  initialMs: number;
  /** Ceiling for any single delay. */
  maxMs: number;
  /** Growth per further failure. */
  factor: number;
  /**
   * Share of the delay that is randomised (0 = none, 1 = "full jitter"). Jitter spreads the
   * retries of many consumers that failed together (e.g. a database blip) so they do not retry
   * in lockstep.
   */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };

/** Delay before the next attempt after `failedAttempts` failures (1 = first failure). */
export function backoffDelayMs(
  failedAttempts: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** exponent);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.max(0, Math.round(base * (1 - jitter * random())));
}

export function resolveBackoff(overrides: Partial<BackoffOptions> | undefined, base = DEFAULT_BACKOFF): BackoffOptions {
  return { ...base, ...overrides };
}

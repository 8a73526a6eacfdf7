/**
 * Sleeps that a stop() or notify() can cut short, so shutdown and wake-ups never wait out a
 * backoff or poll interval.
 */
export class WakeableSleep {
  private readonly sleepers = new Set<() => void>();

  /** Resolves true when the full delay elapsed, false when woken early. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.sleepers.delete(wake);
        resolve(true);
      }, ms);
      this.sleepers.add(wake);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}

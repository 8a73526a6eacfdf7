import { sleep } from './sleep.js';

/**
 * Serialises requests to one host and spaces them out: each task starts no sooner than
 * the delay after the previous task ended. The delay is read when a task's turn comes,
 * so a Crawl-delay learned from robots.txt applies to requests already queued.
 */
export class HostGate {
  private tail: Promise<void> = Promise.resolve();
  private lastEndedAt = Number.NEGATIVE_INFINITY;

  async run<T>(delayMs: () => number, signal: AbortSignal, task: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      // Timers may fire a millisecond early against performance.now(); loop so the delay is never shortened.
      for (let wait = this.lastEndedAt + delayMs() - performance.now(); wait > 0 && !signal.aborted; wait = this.lastEndedAt + delayMs() - performance.now()) {
        await sleep(Math.ceil(wait), signal);
      }
      return await task();
    } finally {
      this.lastEndedAt = performance.now();
      release();
    }
  }
}

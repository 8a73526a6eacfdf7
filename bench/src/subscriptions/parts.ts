import type { Socket } from 'node:net';

/** Flat tuples from the client processes: [client port, bytes arrived at, handler ran at (0 when not parsed), published at]. */
export const DELIVERY_FIELDS = 4;

/** Per message, or per delivery: what one fan-out's latency is made of. */
export type Part =
  | 'publish -> first frame written'
  | 'first -> last frame written'
  | 'gc during the fan-out'
  | 'publish -> frame written'
  | 'frame written -> arrived'
  | 'arrived -> handled'
  | 'publish -> arrived'
  | 'publish -> handled';

export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * Splits each message's deliveries into where their time went, by matching every delivery to the
 * gateway's write to that subscriber's socket (the gateway's remote port is the client's local one).
 * The figures are kept in typed arrays sized up front: this runs in the gateway's process, and
 * millions of boxed numbers in its heap would make the collector's pauses in the fan-out the bench's.
 */
export class Parts {
  private readonly values = new Map<Part, { figures: Float64Array; length: number }>();

  /** `capacity`: the most figures one part gets (one per delivery of every message). */
  constructor(private readonly capacity: number) {}

  add(publishedAt: number, deliveries: number[], writtenTo: Socket[], writtenAt: number[], pauses: [number, number][]): void {
    const writeByPort = new Map<number, number>();
    for (let index = 0; index < writtenTo.length; index += 1) writeByPort.set(writtenTo[index]!.remotePort!, writtenAt[index]!);
    let first = Infinity;
    let last = -Infinity;
    for (let offset = 0; offset < deliveries.length; offset += DELIVERY_FIELDS) {
      const [port, arrivedAt, handledAt] = [deliveries[offset]!, deliveries[offset + 1]!, deliveries[offset + 2]!];
      const writtenAtPort = writeByPort.get(port) ?? NaN;
      first = Math.min(first, writtenAtPort);
      last = Math.max(last, writtenAtPort);
      this.note('publish -> frame written', writtenAtPort - publishedAt);
      this.note('frame written -> arrived', arrivedAt - writtenAtPort);
      this.note('publish -> arrived', arrivedAt - publishedAt);
      if (handledAt > 0) {
        this.note('arrived -> handled', handledAt - arrivedAt);
        this.note('publish -> handled', handledAt - publishedAt);
      }
    }
    this.note('publish -> first frame written', first - publishedAt);
    this.note('first -> last frame written', last - first);
    let paused = 0;
    for (const [start, end] of pauses) paused += Math.max(0, Math.min(end, last) - Math.max(start, publishedAt));
    this.note('gc during the fan-out', paused);
  }

  sorted(part: Part): Float64Array {
    const list = this.values.get(part);
    return list ? list.figures.subarray(0, list.length).sort() : new Float64Array();
  }

  /** p50, p99 and max of every part noted, in milliseconds. */
  summary(): Record<string, { p50: number; p99: number; max: number; count: number }> {
    const summary: Record<string, { p50: number; p99: number; max: number; count: number }> = {};
    for (const part of this.values.keys()) {
      const sorted = this.sorted(part);
      summary[part] = { p50: +percentile(sorted, 50).toFixed(1), p99: +percentile(sorted, 99).toFixed(1), max: +(sorted.at(-1) ?? NaN).toFixed(1), count: sorted.length };
    }
    return summary;
  }

  private note(part: Part, value: number): void {
    let list = this.values.get(part);
    if (!list) this.values.set(part, (list = { figures: new Float64Array(this.capacity), length: 0 }));
    list.figures[list.length++] = value;
  }
}

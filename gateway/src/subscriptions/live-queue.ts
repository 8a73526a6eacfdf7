import type { ExecutionResult } from 'graphql';

/**
 * The per-subscription send queue graphql-ws pulls from. It is bounded: graphql-ws sends one
 * message at a time and waits for the socket, so a client that reads slowly makes this queue
 * grow; past `capacity` the subscriber is dropped (onOverflow) instead of memory growing.
 */
export class LiveQueue implements AsyncGenerator<ExecutionResult, undefined, unknown> {
  private readonly items: ExecutionResult[] = [];
  private waiter: ((result: IteratorResult<ExecutionResult, undefined>) => void) | undefined;
  private done = false;

  constructor(
    private readonly capacity: number,
    private readonly onOverflow: () => void,
    private readonly onEnd: () => void,
  ) {}

  get size(): number {
    return this.items.length;
  }

  get closed(): boolean {
    return this.done;
  }

  push(result: ExecutionResult): void {
    if (this.done) return;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter({ value: result, done: false });
      return;
    }
    if (this.items.length >= this.capacity) {
      this.onOverflow();
      return;
    }
    this.items.push(result);
  }

  next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    const item = this.items.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.end();
    return Promise.reject(error);
  }

  /** Completes the subscription: graphql-ws then sends `complete` to the client. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.items.length = 0;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.({ value: undefined, done: true });
    this.onEnd();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.end();
  }
}

import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { frameHead, type FrameHead, type NextFrame } from './next-frame.js';

export interface DeliveryLimits {
  /** `next` frames waiting behind unsent bytes (not yet flushed to the kernel) before the reader is dropped. */
  sendQueueLength: number;
  /** Bytes the socket may hold unsent before the reader is dropped. */
  maxBufferedBytes: number;
}

/**
 * One subscription's way out. graphql-ws owns the subscription's life (`subscribe` gets this as
 * the result iterator, `complete` and socket close end it), but pushes do not go through its
 * per-message path (await a queue, re-serialise the result, await the socket): the hub hands a
 * `NextFrame` serialised once for all its subscribers, and this writes it straight to the socket,
 * in order with whatever graphql-ws itself sends there. So the iterator never yields; it only
 * stays pending until the subscription ends.
 *
 * Bounded: a reader too slow for `sendQueueLength` unflushed frames or `maxBufferedBytes`
 * unsent bytes is dropped (onSlow) instead of memory growing.
 *
 * The write is most of a fan-out's cost (one system call per subscriber), so the frame goes to
 * the connection's TCP socket (`transport`, the one ws itself writes to) as one buffer already
 * framed, not through ws's `send` (which writes header and body as two corked writes), and a
 * frame the kernel takes at once gets no flush callback (one deferred tick per write saved).
 * Order with ws's own frames (graphql-ws's complete, error, pong, close) is kept: ws writes to the
 * same socket synchronously when no extension is negotiated, which is the only case used here;
 * with one (permessage-deflate compresses asynchronously and queues) frames go through ws.
 */
export class LiveDelivery implements AsyncGenerator<never, undefined, unknown> {
  private readonly head: FrameHead;
  /** Where frames are written directly; null when ws must frame them (an extension is negotiated). */
  private readonly transport: Writable | null;
  private unflushed = 0;
  private done = false;
  private waiter: ((result: IteratorResult<never, undefined>) => void) | undefined;
  /** One callback per subscription, not per frame: counts frames the socket has flushed. */
  private readonly flushed = (): void => {
    this.unflushed -= 1;
  };

  constructor(
    private readonly socket: WebSocket,
    /** The TCP socket under `socket`. */
    transport: Writable,
    subscriptionId: string,
    private readonly limits: DeliveryLimits,
    private readonly onSlow: () => void,
    private readonly onEnd: () => void,
  ) {
    this.head = frameHead(subscriptionId);
    this.transport = socket.extensions === '' ? transport : null;
  }

  /** Frames written and not yet flushed to the kernel. */
  get pending(): number {
    return this.unflushed;
  }

  get closed(): boolean {
    return this.done;
  }

  send(frame: NextFrame): void {
    if (this.done || this.socket.readyState !== this.socket.OPEN) return;
    // The socket's own unsent bytes count too: a reader can be slow with few frames outstanding.
    if (this.unflushed >= this.limits.sendQueueLength || this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.onSlow();
      return;
    }
    const transport = this.transport;
    if (!transport) {
      this.unflushed += 1;
      this.socket.send(frame.for(this.head), { binary: false }, this.flushed);
    } else if (transport.writableLength > 0) {
      // Bytes are still waiting for the kernel: this frame waits behind them and counts until flushed.
      this.unflushed += 1;
      transport.write(frame.asWebSocketFrame(this.head), this.flushed);
    } else {
      // Nothing waiting: the kernel takes the frame now (or its start, and the next frame then counts).
      transport.write(frame.asWebSocketFrame(this.head));
    }
  }

  next(): Promise<IteratorResult<never, undefined>> {
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<never, undefined>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<never, undefined>> {
    this.end();
    return Promise.reject(error);
  }

  /** Completes the subscription: graphql-ws then sends `complete` to the client. */
  end(): void {
    if (this.done) return;
    this.done = true;
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

import type { ExecutionResult } from 'graphql';

/**
 * A graphql-ws `next` message serialised once for every subscriber it goes to. The message is
 * `{"id":<subscription id>,"type":"next","payload":<result>}`: only the id differs between
 * subscribers, so the result is turned into JSON (and UTF-8) once per message and each
 * subscriber's frame is its own id spliced in front of those shared bytes. The text is exactly
 * what graphql-ws's `stringifyMessage` would produce for the same result (same keys, same order,
 * errors through `toJSON`).
 */
export class NextFrame {
  private readonly tail: Buffer;

  constructor(result: ExecutionResult) {
    const { errors, ...withoutErrors } = result;
    const payload = { ...withoutErrors, ...(errors ? { errors: errors.map((error) => error.toJSON()) } : {}) };
    this.tail = Buffer.from(`,"type":"next","payload":${JSON.stringify(payload)}}`);
  }

  /** The whole message for one subscription: one allocation, the shared part copied, not re-serialised. */
  for(head: FrameHead): Buffer {
    const frame = Buffer.allocUnsafe(head.bytes + this.tail.length);
    frame.write(head.text, 0, head.bytes, 'utf8');
    this.tail.copy(frame, head.bytes);
    return frame;
  }
}

/** The per-subscription start of every `next` message, computed once when it subscribes. */
export interface FrameHead {
  text: string;
  bytes: number;
}

export function frameHead(subscriptionId: string): FrameHead {
  const text = `{"id":${JSON.stringify(subscriptionId)}`;
  return { text, bytes: Buffer.byteLength(text) };
}

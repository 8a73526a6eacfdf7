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
    return this.build(head, 0);
  }

  /**
   * The same message as the bytes a server puts on the wire for it: an unmasked, unfragmented
   * WebSocket text frame (RFC 6455 §5.2), header and message in one buffer, so the socket gets
   * one write of one buffer instead of ws's header and body as two.
   */
  asWebSocketFrame(head: FrameHead): Buffer {
    const length = head.bytes + this.tail.length;
    const frame = this.build(head, length < 126 ? 2 : length < 65_536 ? 4 : 10);
    frame[0] = 0x81; // FIN, opcode 1 (text)
    if (length < 126) {
      frame[1] = length;
    } else if (length < 65_536) {
      frame[1] = 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    return frame;
  }

  /** One allocation: `offset` bytes left for the caller, then the subscriber's head, then the shared tail. */
  private build(head: FrameHead, offset: number): Buffer {
    const frame = Buffer.allocUnsafe(offset + head.bytes + this.tail.length);
    frame.write(head.text, offset, head.bytes, 'utf8');
    this.tail.copy(frame, offset + head.bytes);
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

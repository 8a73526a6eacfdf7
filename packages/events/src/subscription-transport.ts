import type { EventStream } from './streams.js';

/**
 * What the SubscriptionRunner needs from a bus: fetching, acknowledging and storing messages.
 * RedisStreamsBus and InProcessBus each implement it; everything else is the runner's.
 */

export interface InboundMessage {
  /** Transport-level id (stream entry id), used to ack. */
  deliveryId: string;
  stream: EventStream;
  /** The envelope as JSON text, exactly as published. */
  payload: string;
  /**
   * The event type the publisher stored beside the payload, when the transport has it: a group
   * can pass over another group's events without parsing them.
   */
  type?: string | null;
  /** Set on dead-letter replays: only this group handles it, the others just acknowledge. */
  targetGroup: string | null;
  /** Attempts spent on this entry by earlier deliveries that never completed. */
  previousAttempts: number;
}

export interface DeadLetterFailure {
  error: string;
  attempts: number;
  eventId: string | null;
  type: string | null;
}

export interface ReleasedMessage {
  message: InboundMessage;
  /** Handler attempts made during this delivery (0 when it never started). */
  attemptsMade: number;
}

export interface SubscriptionTransport {
  /** Returns up to maxCount messages; may block a while and return [] when there are none. */
  fetch(maxCount: number): Promise<InboundMessage[]>;
  /** Returns up to maxCount messages already waiting, without blocking (optional: fetch alone works). */
  fetchWaiting?(maxCount: number): Promise<InboundMessage[]>;
  /** Acknowledges every message given (a whole batch in as few round trips as possible). */
  ack(messages: readonly InboundMessage[]): Promise<void>;
  /** Stores the message in the dead-letter stream and acknowledges it, atomically if possible. */
  deadLetter(message: InboundMessage, failure: DeadLetterFailure): Promise<void>;
  /** Gives back messages this consumer will not finish, so another consumer can take them. */
  release(messages: ReleasedMessage[]): Promise<void>;
  /** Renews this consumer's claim on messages it still holds (read ahead or running). */
  keepAlive?(messages: InboundMessage[]): Promise<void>;
  readonly keepAliveIntervalMs?: number;
  /** Makes a blocked fetch return promptly; called once when stopping. */
  interrupt(): Promise<void>;
  close(): Promise<void>;
}

import { z } from 'zod';
import type { EventData, EventType } from './event-schemas.js';
import { isValidTraceparent } from './trace-context.js';

/** The wire shape of every event, whatever its type. `data` is only known once `type` is. */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  /** uuid v7: unique, and sortable by creation time. */
  id: string;
  type: TType;
  /** ISO 8601 timestamp of the state change. */
  occurredAt: string;
  /** Name of the producing service, e.g. "raw-data". */
  producer: string;
  /** The entity the event is about, e.g. "offer:<id>"; the bus keeps order per subject. */
  subject: string;
  data: TData;
  /** W3C traceparent of the operation that caused the event, or null. */
  traceparent: string | null;
}

/** A validated event of one type; distributes over unions so `EventOf<'a' | 'b'>` narrows on `type`. */
export type EventOf<T extends EventType> = T extends EventType ? EventEnvelope<T, EventData<T>> : never;

/** Any validated event: a union discriminated by `type`. */
export type AnyEvent = EventOf<EventType>;

export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.string().min(1),
  subject: z.string().min(1),
  data: z.unknown(),
  // Tracing must never make an event undeliverable: a missing or malformed value becomes null.
  traceparent: z
    .string()
    .nullable()
    .optional()
    .transform((value) => (isValidTraceparent(value) ? value : null)),
});

import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { envelopeSchema, type AnyEvent, type EventEnvelope, type EventOf } from './envelope.js';
import { EVENT_DATA_SCHEMAS, isEventType, type EventDataInput, type EventType } from './event-schemas.js';
import { normalizeTraceparent } from './trace-context.js';

export interface EventIssue {
  /** Dotted path inside the envelope, e.g. "data.price.amount". */
  path: string;
  message: string;
}

export type EventParseErrorKind = 'malformed_json' | 'invalid_envelope' | 'unknown_type' | 'invalid_data';

export interface EventParseError {
  kind: EventParseErrorKind;
  /** One line, suitable for a dead letter or a log. */
  message: string;
  issues: EventIssue[];
  eventId: string | null;
  type: string | null;
}

export type ParseEventResult = { ok: true; event: AnyEvent } | { ok: false; error: EventParseError };
export type ParseEnvelopeResult = { ok: true; envelope: EventEnvelope } | { ok: false; error: EventParseError };

/** Thrown by producers: building an invalid event is a programming error, not an expected outcome. */
export class EventValidationError extends Error {
  readonly issues: EventIssue[];
  readonly eventType: string;

  constructor(eventType: string, issues: EventIssue[]) {
    super(`Invalid "${eventType}" event: ${formatIssues(issues)}`);
    this.name = 'EventValidationError';
    this.issues = issues;
    this.eventType = eventType;
  }
}

export interface CreateEventInput<T extends EventType> {
  producer: string;
  subject: string;
  data: EventDataInput<T>;
  /** Copy ctx.traceparent (or childTraceparent(ctx.traceparent)) from the event being handled. */
  traceparent?: string | null;
  /** Defaults to now; set it when replaying history so occurredAt tells when the change happened. */
  occurredAt?: Date;
}

/**
 * Builds a validated event with a fresh uuid v7 id. Throws EventValidationError listing every
 * zod issue, so a producer bug fails the producer's transaction instead of reaching consumers.
 */
export function createEvent<T extends EventType>(type: T, input: CreateEventInput<T>): EventOf<T> {
  if (!isEventType(type)) {
    throw new EventValidationError(String(type), [{ path: 'type', message: `unknown event type "${String(type)}"` }]);
  }
  const issues: EventIssue[] = [];
  if (!input.producer) issues.push({ path: 'producer', message: 'must not be empty' });
  if (!input.subject) issues.push({ path: 'subject', message: 'must not be empty' });
  const data = EVENT_DATA_SCHEMAS[type].safeParse(input.data);
  if (!data.success) issues.push(...toIssues(data.error, 'data'));
  if (issues.length > 0 || !data.success) throw new EventValidationError(type, issues);

  // Frozen (the envelope and its data's own fields) so the event the outbox receives is the one
  // validated here: enqueueEvents then trusts it instead of validating it a second time.
  const event: EventEnvelope<T> = Object.freeze({
    id: uuidv7(),
    type,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    producer: input.producer,
    subject: input.subject,
    data: freezeOwn(data.data),
    traceparent: normalizeTraceparent(input.traceparent),
  });
  createdEvents.add(event);
  return event as EventOf<T>;
}

/** Events built by createEvent: validated and frozen, so they need no second validation. */
const createdEvents = new WeakSet<object>();

/** True for an event createEvent built (not a copy, not a hand-built object). */
export function isCreatedEvent(event: object): boolean {
  return createdEvents.has(event);
}

function freezeOwn<V>(value: V): V {
  return typeof value === 'object' && value !== null ? Object.freeze(value) : value;
}

/**
 * Validates the envelope only. Consumers use it to route (group, type) before paying for data
 * validation, and so events of types they do not know can be skipped rather than dead-lettered.
 */
export function parseEnvelope(raw: unknown): ParseEnvelopeResult {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const message = `payload is not JSON: ${error instanceof Error ? error.message : String(error)}`;
      return { ok: false, error: { kind: 'malformed_json', message, issues: [], eventId: null, type: null } };
    }
  }
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    const loose = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    return {
      ok: false,
      error: {
        kind: 'invalid_envelope',
        message: `invalid event envelope: ${formatIssues(issues)}`,
        issues,
        eventId: typeof loose.id === 'string' ? loose.id : null,
        type: typeof loose.type === 'string' ? loose.type : null,
      },
    };
  }
  return { ok: true, envelope: { ...parsed.data, data: parsed.data.data } };
}

/** Validates `data` against the schema of the envelope's type. */
export function validateEnvelope(envelope: EventEnvelope): ParseEventResult {
  const { type } = envelope;
  if (!isEventType(type)) {
    const issues = [{ path: 'type', message: `unknown event type "${type}"` }];
    return {
      ok: false,
      error: { kind: 'unknown_type', message: issues[0]!.message, issues, eventId: envelope.id, type },
    };
  }
  const data = EVENT_DATA_SCHEMAS[type].safeParse(envelope.data);
  if (!data.success) {
    const issues = toIssues(data.error, 'data');
    return {
      ok: false,
      error: {
        kind: 'invalid_data',
        message: `invalid "${type}" data: ${formatIssues(issues)}`,
        issues,
        eventId: envelope.id,
        type,
      },
    };
  }
  return { ok: true, event: { ...envelope, type, data: data.data } as AnyEvent };
}

/** Parses an event from an object or its JSON text. Expected failures are results, not throws. */
export function parseEvent(raw: unknown): ParseEventResult {
  const envelope = parseEnvelope(raw);
  return envelope.ok ? validateEnvelope(envelope.envelope) : envelope;
}

function toIssues(error: z.ZodError, prefix?: string): EventIssue[] {
  return error.issues.map((issue) => ({
    path: [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.') || '(root)',
    message: issue.message,
  }));
}

export function formatIssues(issues: readonly EventIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

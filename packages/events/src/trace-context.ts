import { randomBytes } from 'node:crypto';

/**
 * W3C trace context (https://www.w3.org/TR/trace-context/). The envelope carries the producer's
 * traceparent so the consumer can continue the same trace; when a handler emits a follow-up event
 * it passes `childTraceparent(ctx.traceparent)` so the whole pipeline shows up as one trace.
 */

const TRACEPARENT_PATTERN = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZERO = /^0+$/;

export function isValidTraceparent(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = TRACEPARENT_PATTERN.exec(value);
  if (!match) return false;
  const [, version, traceId, parentId] = match;
  return version !== 'ff' && !ALL_ZERO.test(traceId ?? '') && !ALL_ZERO.test(parentId ?? '');
}

/** Tracing is best effort: a malformed header must never fail the business operation. */
export function normalizeTraceparent(value: string | null | undefined): string | null {
  return isValidTraceparent(value) ? value : null;
}

export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/** Same trace and sampling decision, new span id. Starts a new trace when there is no valid parent. */
export function childTraceparent(parent: string | null | undefined): string {
  if (!isValidTraceparent(parent)) return newTraceparent();
  const [version, traceId, , flags] = parent.split('-');
  return `${version}-${traceId}-${randomBytes(8).toString('hex')}-${flags}`;
}

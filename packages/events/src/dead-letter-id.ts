import { isEventStream, type EventStream } from './streams.js';

/**
 * Dead letters live in one stream per event stream, so their public id names the stream too:
 * "<stream>:<entry id>". Stream names contain no colon, entry ids ("1712-0") neither.
 */
export function formatDeadLetterId(stream: EventStream, entryId: string): string {
  return `${stream}:${entryId}`;
}

export function parseDeadLetterId(id: string): { stream: EventStream; entryId: string } | null {
  const separator = id.indexOf(':');
  if (separator < 0) return null;
  const stream = id.slice(0, separator);
  const entryId = id.slice(separator + 1);
  if (!isEventStream(stream) || !/^\d+-\d+$/.test(entryId)) return null;
  return { stream, entryId };
}

/** Orders stream entry ids ("<ms>-<seq>") numerically; string order breaks once the ms grow a digit. */
export function compareEntryIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

/** Where a dead letter stands in the list of every stream's letters: by entry id, then stream. */
export interface DeadLetterPosition {
  stream: EventStream;
  entryId: string;
}

/** Oldest first across streams; letters of two streams with the same entry id by stream name. */
export function compareDeadLetterPositions(a: DeadLetterPosition, b: DeadLetterPosition): number {
  return compareEntryIds(a.entryId, b.entryId) || (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0);
}

/**
 * The first entry id of `stream` that can follow the letter `after` in list order, as an XRANGE
 * start: inclusive for streams ordered after its stream, exclusive for the others.
 */
export function rangeStartAfter(stream: EventStream, after: DeadLetterPosition | null): string {
  if (!after) return '-';
  return stream > after.stream ? after.entryId : `(${after.entryId}`;
}

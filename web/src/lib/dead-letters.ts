/**
 * The event streams an operator may filter dead letters by, as packages/events names them
 * (EVENT_STREAMS); the server refuses any other name, so a stale list shows as an error.
 */
export const DEAD_LETTER_STREAMS = ['raw.listings', 'catalog.listings', 'releases.changes', 'releases.collection', 'delivery.rates', 'users.accounts', 'audit.log'] as const;

/** The event envelope indented for reading; a payload that is not JSON is shown as it came. */
export function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/** What a replay of one letter did, in words for the status line. */
export function replayOneOutcome(letter: { type: string | null; group: string }, replayed: boolean): string {
  const what = letter.type ?? 'the event';
  return replayed ? `Replayed ${what} to ${letter.group}.` : `That letter is gone: replayed or removed meanwhile.`;
}

/** What "replay all" did. */
export function replayAllOutcome(count: number, stream: string | null): string {
  const where = stream ? ` of ${stream}` : '';
  if (count === 0) return `No dead letters${where} to replay.`;
  return `Replayed ${count} dead letter${count === 1 ? '' : 's'}${where}.`;
}

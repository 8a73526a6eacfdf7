import type { Redis } from 'ioredis';
import type { EventEnvelope } from '../envelope.js';
import { toStreamEntries } from '../redis-stream-replies.js';

/** Every envelope in a Redis stream, in stream order. */
export async function readStream(redis: Redis, key: string): Promise<EventEnvelope[]> {
  const entries = toStreamEntries(await redis.call('XRANGE', key, '-', '+'));
  return entries.map((entry) => JSON.parse(entry.fields.get('event') ?? 'null') as EventEnvelope);
}

/** Ids in order of first appearance: what consumers with an inbox effectively see. */
export function firstOccurrences(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

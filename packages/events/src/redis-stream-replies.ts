/**
 * Shapes of the raw Redis stream replies. ioredis types them loosely, so they are checked here
 * once instead of being cast at every call site.
 */

export interface StreamEntry {
  id: string;
  fields: Map<string, string>;
}

export function toStreamEntry(raw: unknown): StreamEntry | null {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string') return null;
  // Entries deleted (trimmed) while still pending come back with a null field list.
  if (!Array.isArray(raw[1])) return null;
  const list = raw[1] as unknown[];
  const fields = new Map<string, string>();
  for (let index = 0; index + 1 < list.length; index += 2) {
    fields.set(String(list[index]), String(list[index + 1]));
  }
  return { id: raw[0], fields };
}

export function toStreamEntries(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.map(toStreamEntry).filter((entry): entry is StreamEntry => entry !== null);
}

/** XREADGROUP: [[key, entries], ...] or null on timeout. */
export function parseReadGroupReply(raw: unknown): Array<{ key: string; entries: StreamEntry[] }> {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((item): item is [string, unknown] => Array.isArray(item) && typeof item[0] === 'string')
    .map(([key, entries]) => ({ key, entries: toStreamEntries(entries) }));
}

/** XAUTOCLAIM: [nextCursor, entries, deletedIds]. */
export function parseAutoClaimReply(raw: unknown): { cursor: string; entries: StreamEntry[] } {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string') return { cursor: '0-0', entries: [] };
  return { cursor: raw[0], entries: toStreamEntries(raw[1]) };
}

/** Extended XPENDING: [[id, consumer, idleMs, deliveries], ...]. */
export function parsePendingDeliveries(raw: unknown): Map<string, number> {
  const deliveries = new Map<string, number>();
  if (!Array.isArray(raw)) return deliveries;
  for (const item of raw) {
    if (Array.isArray(item) && typeof item[0] === 'string') deliveries.set(item[0], Number(item[3]));
  }
  return deliveries;
}

/** XINFO GROUPS: a list of flat [field, value, ...] arrays. */
export function parseGroupInfo(raw: unknown): Array<Map<string, unknown>> {
  if (!Array.isArray(raw)) return [];
  return raw.filter(Array.isArray).map((flat: unknown[]) => {
    const info = new Map<string, unknown>();
    for (let index = 0; index + 1 < flat.length; index += 2) info.set(String(flat[index]), flat[index + 1]);
    return info;
  });
}

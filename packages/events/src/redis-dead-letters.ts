import type { Redis } from 'ioredis';
import { compareDeadLetterPositions, formatDeadLetterId, parseDeadLetterId, rangeStartAfter, type DeadLetterPosition } from './dead-letter-id.js';
import type { DeadLetter, ListDeadLettersOptions } from './event-bus.js';
import { toStreamEntries, type StreamEntry } from './redis-stream-replies.js';
import { ALL_EVENT_STREAMS, isEventStream, type EventStream } from './streams.js';

/** Appends the dead letter's envelope to its stream for its group and deletes it, atomically. */
const REPLAY_SCRIPT = `
local entries = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #entries == 0 then return 0 end
local fields = entries[1][2]
local payload, group, eventType = nil, '', ''
for i = 1, #fields, 2 do
  if fields[i] == 'event' then payload = fields[i + 1]
  elseif fields[i] == 'group' then group = fields[i + 1]
  elseif fields[i] == 'type' then eventType = fields[i + 1] end
end
if payload == nil then return 0 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'event', payload, 'type', eventType, 'group', group, 'replayOf', ARGV[1])
redis.call('XDEL', KEYS[1], ARGV[1])
return 1
`;

export interface RedisDeadLettersDeps {
  commands: Redis;
  streamKey: (stream: EventStream) => string;
  deadLetterKey: (stream: EventStream) => string;
  /** Approximate length kept of the stream a replayed event goes back to. */
  maxLen: number;
}

/** The operator's side of the dead-letter streams: list them, put them back where they failed. */
export class RedisDeadLetters {
  constructor(private readonly deps: RedisDeadLettersDeps) {}

  async list(options: ListDeadLettersOptions = {}): Promise<DeadLetter[]> {
    const limit = options.limit ?? 100;
    const after = options.after === undefined ? null : parseDeadLetterId(options.after);
    if (options.after !== undefined && !after) return [];
    const streams = options.stream ? [options.stream] : ALL_EVENT_STREAMS;
    const letters: SortableDeadLetter[] = [];
    for (const stream of streams) {
      const raw = await this.deps.commands.call('XRANGE', this.deps.deadLetterKey(stream), rangeStartAfter(stream, after), '+', 'COUNT', String(limit));
      letters.push(...toStreamEntries(raw).map((entry) => toDeadLetter(stream, entry)));
    }
    return letters.sort((a, b) => compareDeadLetterPositions(a.position, b.position)).slice(0, limit).map(stripPosition);
  }

  async replay(id: string): Promise<boolean> {
    const parsed = parseDeadLetterId(id);
    if (!parsed) return false;
    const replayed = await this.deps.commands.eval(
      REPLAY_SCRIPT,
      2,
      this.deps.deadLetterKey(parsed.stream),
      this.deps.streamKey(parsed.stream),
      parsed.entryId,
      String(this.deps.maxLen),
    );
    return Number(replayed) === 1;
  }

  async replayAll(stream?: EventStream): Promise<number> {
    let replayed = 0;
    for (const each of stream ? [stream] : ALL_EVENT_STREAMS) {
      // Snapshot the ids first: a replay that fails again lands back in the DLQ and must not be
      // picked up by this same sweep.
      const ids: string[] = [];
      let start = '-';
      for (;;) {
        const page = toStreamEntries(await this.deps.commands.call('XRANGE', this.deps.deadLetterKey(each), start, '+', 'COUNT', '500'));
        ids.push(...page.map((entry) => entry.id));
        if (page.length < 500) break;
        start = `(${page[page.length - 1]!.id}`;
      }
      for (const entryId of ids) {
        if (await this.replay(formatDeadLetterId(each, entryId))) replayed += 1;
      }
    }
    return replayed;
  }
}

type SortableDeadLetter = DeadLetter & { position: DeadLetterPosition };

function toDeadLetter(stream: EventStream, entry: StreamEntry): SortableDeadLetter {
  const field = (name: string) => entry.fields.get(name) ?? '';
  const recordedStream = field('stream');
  return {
    id: formatDeadLetterId(stream, entry.id),
    stream: isEventStream(recordedStream) ? recordedStream : stream,
    group: field('group'),
    eventId: field('eventId') || null,
    type: field('type') || null,
    payload: field('event'),
    error: field('error'),
    attempts: Number(field('attempts') || 0),
    failedAt: field('failedAt'),
    originalEntryId: field('originalId'),
    // Dead-letter entry ids are creation times, so they order letters across streams.
    position: { stream, entryId: entry.id },
  };
}

function stripPosition(letter: SortableDeadLetter): DeadLetter {
  const copy: Partial<SortableDeadLetter> = { ...letter };
  delete copy.position;
  return copy as DeadLetter;
}

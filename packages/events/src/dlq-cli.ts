import { parseArgs } from 'node:util';
import type { DeadLetter, EventBus } from './event-bus.js';
import { errorMessage } from './logger.js';
import { REDIS_BUS_DEFAULTS, RedisStreamsBus } from './redis-streams-bus.js';
import { ALL_EVENT_STREAMS, isEventStream } from './streams.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const DLQ_CLI_USAGE = `Usage:
  node packages/events/dist/cli.js dlq list [--stream <stream>] [--limit <n>] [--json]
  node packages/events/dist/cli.js dlq replay <id>
  node packages/events/dist/cli.js dlq replay-all [--stream <stream>]

Options:
  --prefix <prefix>   key prefix of the bus (default "${REDIS_BUS_DEFAULTS.keyPrefix}")
  --redis-url <url>   Redis to use (default: $REDIS_URL)

Streams: ${ALL_EVENT_STREAMS.join(', ')}
`;

/** The operator's dead-letter tool; returns the process exit code. */
export async function runDlqCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        stream: { type: 'string' },
        limit: { type: 'string' },
        prefix: { type: 'string' },
        'redis-url': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n\n${DLQ_CLI_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [area, command, id] = positionals;
  if (values.help || area !== 'dlq' || !command) {
    (values.help ? io.stdout : io.stderr).write(DLQ_CLI_USAGE);
    return values.help ? 0 : 2;
  }
  if (values.stream !== undefined && !isEventStream(values.stream)) {
    io.stderr.write(`unknown stream "${values.stream}"; expected one of ${ALL_EVENT_STREAMS.join(', ')}\n`);
    return 2;
  }
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    io.stderr.write(`--limit must be a positive integer\n`);
    return 2;
  }
  const redisUrl = values['redis-url'] ?? io.env.REDIS_URL;
  if (!redisUrl) {
    io.stderr.write('set REDIS_URL or pass --redis-url\n');
    return 2;
  }

  const bus = new RedisStreamsBus({ redis: redisUrl, keyPrefix: values.prefix ?? REDIS_BUS_DEFAULTS.keyPrefix });
  try {
    return await runCommand(bus, command, { id, stream: values.stream, limit, json: values.json ?? false }, io);
  } catch (error) {
    io.stderr.write(`error: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    await bus.close();
  }
}

async function runCommand(
  bus: EventBus,
  command: string,
  args: { id: string | undefined; stream: string | undefined; limit: number; json: boolean },
  io: CliIo,
): Promise<number> {
  const stream = args.stream !== undefined && isEventStream(args.stream) ? args.stream : undefined;
  switch (command) {
    case 'list': {
      const letters = await bus.listDeadLetters({ stream, limit: args.limit });
      io.stdout.write(args.json ? `${JSON.stringify(letters, null, 2)}\n` : formatTable(letters));
      return 0;
    }
    case 'replay': {
      if (!args.id) {
        io.stderr.write(`dlq replay needs a dead-letter id (see "dlq list")\n`);
        return 2;
      }
      if (!(await bus.replayDeadLetter(args.id))) {
        io.stderr.write(`no dead letter with id ${args.id}\n`);
        return 1;
      }
      io.stdout.write(`replayed ${args.id}\n`);
      return 0;
    }
    case 'replay-all': {
      const count = await bus.replayAllDeadLetters(stream);
      io.stdout.write(`replayed ${count} dead letter(s)\n`);
      return 0;
    }
    default:
      io.stderr.write(`unknown command "dlq ${command}"\n\n${DLQ_CLI_USAGE}`);
      return 2;
  }
}

function formatTable(letters: DeadLetter[]): string {
  if (letters.length === 0) return 'no dead letters\n';
  const header = ['ID', 'GROUP', 'TYPE', 'EVENT', 'ATTEMPTS', 'FAILED AT', 'ERROR'];
  const rows = letters.map((letter) => [
    letter.id,
    letter.group,
    letter.type ?? '-',
    letter.eventId ?? '-',
    String(letter.attempts),
    letter.failedAt,
    letter.error.replace(/\s+/g, ' ').slice(0, 200),
  ]);
  return [header, ...rows].map((row) => row.join('\t')).join('\n') + '\n';
}

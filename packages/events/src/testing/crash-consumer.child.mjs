// Child process for consumer-crash.spec.ts: a consumer that gets SIGKILLed mid-batch.
// Plain .mjs on the compiled package (dist), because node cannot run the TypeScript sources.
import { DataSource } from 'typeorm';
import { RedisStreamsBus, createIdempotentHandler } from '../../dist/index.js';

const { DATABASE_URL, SCHEMA, REDIS_URL, KEY_PREFIX, GROUP, HOLD_AFTER, CONSUMER_NAME } = process.env;

const dataSource = new DataSource({
  type: 'postgres',
  url: DATABASE_URL,
  schema: SCHEMA,
  extra: { options: `-c search_path=${SCHEMA}` },
});
await dataSource.initialize();

const bus = new RedisStreamsBus({ redis: REDIS_URL, keyPrefix: KEY_PREFIX, consumerName: CONSUMER_NAME ?? 'doomed', blockMs: 200 });
const handle = createIdempotentHandler({
  dataSource,
  consumer: GROUP,
  handle: async (event, manager) => {
    await manager.query('INSERT INTO side_effects (event_id, subject, handled_by) VALUES ($1, $2, $3)', [event.id, event.subject, 'child']);
    await new Promise((resolve) => setTimeout(resolve, 10));
  },
});

let committed = 0;
await bus.subscribe({
  group: GROUP,
  types: ['offer.added'],
  concurrency: 4,
  prefetch: 24,
  handler: async (event, ctx) => {
    await handle(event, ctx);
    committed += 1;
    if (committed === Number(HOLD_AFTER)) {
      // Committed but not yet acknowledged: tell the parent, then hang until it kills us.
      process.stdout.write(`holding ${event.id}\n`);
      await new Promise(() => {});
    }
  },
});
process.stdout.write('ready\n');

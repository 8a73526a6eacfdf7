// Child process for the kill -9 specs: a consumer that gets SIGKILLed mid-batch.
// Plain .mjs on the compiled package (dist), because node cannot run the TypeScript sources.
// BATCH_SIZE set: a batch consumer (createIdempotentBatchHandler) instead of a per-event one.
import { DataSource } from 'typeorm';
import { RedisStreamsBus, createIdempotentBatchHandler, createIdempotentHandler } from '../../dist/index.js';

const { DATABASE_URL, SCHEMA, REDIS_URL, KEY_PREFIX, GROUP, HOLD_AFTER, CONSUMER_NAME, BATCH_SIZE } = process.env;

const dataSource = new DataSource({
  type: 'postgres',
  url: DATABASE_URL,
  schema: SCHEMA,
  extra: { options: `-c search_path=${SCHEMA}` },
});
await dataSource.initialize();

const bus = new RedisStreamsBus({ redis: REDIS_URL, keyPrefix: KEY_PREFIX, consumerName: CONSUMER_NAME ?? 'doomed', blockMs: 200 });
const recordEffect = async (event, manager) => {
  await manager.query('INSERT INTO side_effects (event_id, subject, handled_by) VALUES ($1, $2, $3)', [event.id, event.subject, 'child']);
  await new Promise((resolve) => setTimeout(resolve, 10));
};

let committed = 0;
/** Committed but not yet acknowledged: tell the parent, then hang until it kills us. */
async function holdOnceEnough(eventIds) {
  committed += eventIds.length;
  if (committed < Number(HOLD_AFTER) || committed - eventIds.length >= Number(HOLD_AFTER)) return;
  process.stdout.write(`holding ${eventIds.join(',')}\n`);
  await new Promise(() => {});
}

if (BATCH_SIZE) {
  const handleBatch = createIdempotentBatchHandler({
    dataSource,
    consumer: GROUP,
    handleBatch: async (events, manager) => {
      for (const event of events) await recordEffect(event, manager);
    },
  });
  await bus.subscribe({
    group: GROUP,
    types: ['offer.added'],
    // One lane, so the child holds its second batch with the rest of the stream unhandled.
    batchSize: Number(BATCH_SIZE),
    batchHandler: async (entries) => {
      await handleBatch(entries);
      await holdOnceEnough(entries.map((entry) => entry.event.id));
    },
  });
} else {
  const handle = createIdempotentHandler({ dataSource, consumer: GROUP, handle: recordEffect });
  await bus.subscribe({
    group: GROUP,
    types: ['offer.added'],
    concurrency: 4,
    prefetch: 24,
    handler: async (event, ctx) => {
      await handle(event, ctx);
      await holdOnceEnough([event.id]);
    },
  });
}
process.stdout.write('ready\n');

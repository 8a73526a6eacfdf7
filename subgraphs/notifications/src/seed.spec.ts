import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { notificationsSubgraph } from './index.js';
import { seedNotificationsDemo } from './seed.js';

let sut: TestSubgraph;
beforeAll(async () => {
  sut = await openTestSubgraph(notificationsSubgraph, { seedDemo: true });
});
afterAll(async () => sut?.close());

it('seeds rates and demo release facts once, however often it runs', async () => {
  const count = async () => (await sut.db.dataSource.query(`SELECT (SELECT count(*) FROM currency_rate)::int AS rates, (SELECT count(*) FROM release_projection)::int AS releases`))[0];
  const first = await count();
  expect(first.rates).toBeGreaterThan(0);
  expect(first.releases).toBeGreaterThan(0);
  await seedNotificationsDemo(sut.db);
  expect(await count()).toEqual(first);
});

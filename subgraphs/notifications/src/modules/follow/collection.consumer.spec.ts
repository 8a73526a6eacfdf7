import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, subjects, type EventDataInput } from '@mrt/events';
import { deliverEvents, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { notificationsSubgraph } from '../../index.js';
import { FollowService } from './follow.service.js';

let sut: TestSubgraph;
beforeAll(async () => {
  sut = await openTestSubgraph(notificationsSubgraph);
});
afterAll(async () => sut?.close());

function wantAdded(data: EventDataInput<'collection.want.added'>) {
  return createEvent('collection.want.added', { producer: 'releases', subject: subjects.collection(data.userId), data });
}

const FOLLOWS = `{ myFollows { targetType targetId events } }`;
type Follows = { myFollows: { targetType: string; targetId: string; events: string[] }[] };

describe('collection.want.added', () => {
  it('follows the wanted release (and its bands when asked) once, however often it is delivered', async () => {
    const fan = testUser(['USER']);
    const [release, band] = [randomUUID(), randomUUID()];
    const event = wantAdded({ userId: fan.id, releaseId: release, bandIds: [band], followBands: true });
    await deliverEvents(sut, event);
    // The same event again (the inbox drops it) and the same want sent again (a re-import): still one follow each.
    await deliverEvents(sut, event, wantAdded({ userId: fan.id, releaseId: release, bandIds: [band], followBands: true }));
    await sut.db.dataSource.transaction((manager) => new FollowService(sut.db.dataSource).followWanted(event.data, manager));
    const { myFollows } = await executeOk<Follows>(sut.apollo, FOLLOWS, { user: fan });
    expect(myFollows.map((follow) => [follow.targetType, follow.targetId, follow.events]).sort()).toEqual(
      [
        ['BAND', band, ['RELEASE_ANNOUNCED', 'RELEASE_OUT_TODAY', 'OFFER_ADDED']],
        ['RELEASE', release, ['PRICE_DROP', 'BACK_IN_STOCK', 'OFFER_ADDED']],
      ].sort(),
    );
  });

  it('follows only the release without followBands, and keeps the rules of a follow the fan already has', async () => {
    const fan = testUser(['USER']);
    const [release, band] = [randomUUID(), randomUUID()];
    await executeOk(sut.apollo, `mutation($input: FollowInput!) { follow(input: $input) { id } }`, {
      user: fan,
      variables: { input: { targetType: 'RELEASE', targetId: release, events: ['PRICE_DROP'] } },
    });
    await deliverEvents(sut, wantAdded({ userId: fan.id, releaseId: release, bandIds: [band], followBands: false }));
    const { myFollows } = await executeOk<Follows>(sut.apollo, FOLLOWS, { user: fan });
    expect(myFollows.map((follow) => [follow.targetType, follow.targetId, follow.events])).toEqual([['RELEASE', release, ['PRICE_DROP']]]);
  });
});

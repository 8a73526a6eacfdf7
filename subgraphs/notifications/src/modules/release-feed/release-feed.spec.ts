import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverEvents, executeErrors, executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { notificationsSubgraph } from '../../index.js';
import { announced, offerAdded, testOffer, testRelease } from '../../testing/release-events.js';

let sut: TestSubgraph;
beforeAll(async () => {
  sut = await openTestSubgraph(notificationsSubgraph);
});
afterAll(async () => sut?.close());

const ITEM = `query($id: ID!, $filter: ReleaseFeedFilter) { releaseFeedEvent(id: $id, filter: $filter) { id kind bandIds format release { id } offer { id } } }`;

async function item(id: string, filter?: Record<string, unknown>) {
  return (await executeOk<{ releaseFeedEvent: { id: string; kind: string } | null }>(sut.apollo, ITEM, { variables: { id, filter } })).releaseFeedEvent;
}

describe('releaseFeedEvent', () => {
  it('answers a feed item for a filter it matches and null for one it does not (what live subscribers get)', async () => {
    const release = testRelease();
    const announcement = announced(release);
    const offer = offerAdded(testOffer(release, { format: 'CD' }));
    await deliverEvents(sut, announcement, offer);

    expect(await item(announcement.id)).toMatchObject({ id: announcement.id, kind: 'RELEASE_ANNOUNCED', bandIds: release.bandIds, format: null, release: { id: release.releaseId }, offer: null });
    expect(await item(announcement.id, { bandIds: [release.bandIds[0], 'another-band'], kinds: ['RELEASE_ANNOUNCED'] })).toMatchObject({ id: announcement.id });
    expect(await item(announcement.id, { bandIds: ['another-band'] })).toBeNull();
    expect(await item(announcement.id, { formats: ['CD'] })).toBeNull();
    expect(await item(offer.id, { formats: ['CD'], genreIds: release.genreIds })).toMatchObject({ id: offer.id, kind: 'OFFER_ADDED', format: 'CD' });
    expect(await item(offer.id, { kinds: ['PRICE_DROP'] })).toBeNull();
    expect(await item('not-an-id')).toBeNull();
  });

  it('refuses filter lists longer than 100 values, naming the list', async () => {
    const bandIds = Array.from({ length: 101 }, (_, index) => `band-${index}`);
    const errors = await executeErrors(sut.apollo, ITEM, { variables: { id: testRelease().releaseId, filter: { bandIds } } });
    expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'filter.bandIds' }] });
  });
});

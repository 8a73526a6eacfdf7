import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessLivePubSub, LIVE_CHANNELS, type AnyEvent, type NotificationAddedMessage, type ReleaseFeedMessage } from '@mrt/events';
import { deliverEvents, executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import type { AuthUser } from '@mrt/graphql-kit';
import { notificationsSubgraph } from '../../index.js';
import { announced, dayDate, offerAdded, priceChanged, ratesUpdated, stockChanged, testOffer, testRelease } from '../../testing/release-events.js';
import { matchPastTheInbox } from '../../testing/matching.js';

let sut: TestSubgraph;
const live = new InProcessLivePubSub();
const pushed: NotificationAddedMessage[] = [];
const feedPushed: ReleaseFeedMessage[] = [];

beforeAll(async () => {
  sut = await openTestSubgraph(notificationsSubgraph, { env: { NOTIFY_INITIAL_IMPORT_RECENT_DAYS: '30' }, live });
  await live.subscribe(LIVE_CHANNELS.notificationAdded, (message) => pushed.push(message as NotificationAddedMessage));
  await live.subscribe(LIVE_CHANNELS.releaseFeed, (message) => feedPushed.push(message as ReleaseFeedMessage));
});
afterAll(async () => {
  await sut?.close();
  await live.close();
});

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const FOLLOW = `mutation($input: FollowInput!) { follow(input: $input) { id targetType events formats releaseTypes maxPrice { amount currency } } }`;
const FEED = `{ myNotifications(first: 50) { edges { node { id kind title message release { id } offer { id } readAt } } } unreadNotificationCount }`;

interface Feed {
  myNotifications: { edges: { node: { id: string; kind: string; title: string; release: { id: string } | null; offer: { id: string } | null; readAt: string | null } }[] };
  unreadNotificationCount: number;
}

async function follow(user: AuthUser, input: Record<string, unknown>) {
  return (await executeOk<{ follow: { id: string; events: string[] } }>(sut.apollo, FOLLOW, { user, variables: { input } })).follow;
}

async function feed(user: AuthUser): Promise<Feed> {
  return executeOk<Feed>(sut.apollo, FEED, { user });
}

const deliver = (...events: AnyEvent[]) => deliverEvents(sut, ...events);

describe('follows', () => {
  it('applies per-target defaults and validates every field at once', async () => {
    const user = fan();
    const band = await follow(user, { targetType: 'BAND', targetId: randomUUID() });
    expect(band.events).toEqual(['RELEASE_ANNOUNCED', 'RELEASE_OUT_TODAY', 'OFFER_ADDED']);
    const release = await follow(user, { targetType: 'RELEASE', targetId: randomUUID() });
    expect(release.events).toEqual(['PRICE_DROP', 'BACK_IN_STOCK', 'OFFER_ADDED']);
    const errors = await executeErrors(sut.apollo, FOLLOW, {
      user,
      variables: { input: { targetType: 'BAND', targetId: 'nope', events: [], maxPrice: { amount: '-1', currency: 'euro' } } },
    });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (errors[0]?.extensions?.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['events', 'maxPrice.amount', 'maxPrice.currency', 'targetId']);
    const follows = await executeOk<{ myFollows: { id: string }[] }>(sut.apollo, `{ myFollows { id } }`, { user });
    expect(follows.myFollows.map((f) => f.id)).toEqual([band.id, release.id]);
  });

  it('keeps one follow per target, lets only the owner update or remove it, and refuses anonymous callers', async () => {
    const owner = fan();
    const other = fan();
    const targetId = randomUUID();
    const first = await follow(owner, { targetType: 'BAND', targetId });
    const again = await follow(owner, { targetType: 'BAND', targetId, events: ['OFFER_ADDED'] });
    expect(again.id).toBe(first.id);
    expect(again.events).toEqual(['OFFER_ADDED']);
    const UPDATE = `mutation($id: ID!, $input: UpdateFollowInput!) { updateFollow(id: $id, input: $input) { formats maxPrice { amount currency } } }`;
    const notYours = await executeErrors(sut.apollo, UPDATE, { user: other, variables: { id: first.id, input: { formats: ['CD'] } } });
    expect(notYours[0]?.extensions?.code).toBe('NOT_FOUND');
    const updated = await executeOk<{ updateFollow: { formats: string[]; maxPrice: unknown } }>(sut.apollo, UPDATE, {
      user: owner,
      variables: { id: first.id, input: { formats: ['CD', 'LP'], maxPrice: { amount: '20.50', currency: 'EUR' } } },
    });
    expect(updated.updateFollow).toEqual({ formats: ['CD', 'LP'], maxPrice: { amount: '20.5', currency: 'EUR' } });
    const UNFOLLOW = `mutation($id: ID!) { unfollow(id: $id) }`;
    expect((await executeOk<{ unfollow: boolean }>(sut.apollo, UNFOLLOW, { user: other, variables: { id: first.id } })).unfollow).toBe(false);
    expect((await executeOk<{ unfollow: boolean }>(sut.apollo, UNFOLLOW, { user: owner, variables: { id: first.id } })).unfollow).toBe(true);
    const anonymous = await executeErrors(sut.apollo, `{ myFollows { id } }`);
    expect(anonymous[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('matching', () => {
  it('tells band followers about an announcement once however often it is redelivered, and pushes it live', async () => {
    const release = testRelease();
    const follower = fan();
    const bystander = fan();
    await follow(follower, { targetType: 'BAND', targetId: release.bandIds[0] });
    await follow(bystander, { targetType: 'BAND', targetId: randomUUID() });
    const event = announced(release);
    await deliver(event);
    await sut.bus.publish([event, event]);
    await deliver(announced(testRelease())); // later event on the same stream: the duplicates were handled before it
    const mine = await feed(follower);
    expect(mine.myNotifications.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ kind: 'RELEASE_ANNOUNCED', title: 'Announced: Age of Excuse', release: { id: release.releaseId }, offer: null }),
    ]);
    expect(mine.unreadNotificationCount).toBe(1);
    expect((await feed(bystander)).myNotifications.edges).toEqual([]);
    // A second copy of the event, even bypassing the inbox, still makes no second row.
    await matchPastTheInbox(sut, event);
    expect((await feed(follower)).myNotifications.edges).toHaveLength(1);
    await expect.poll(() => pushed.filter((m) => m.userId === follower.id).length).toBe(1);
    expect(pushed.find((m) => m.userId === follower.id)?.id).toBe(mine.myNotifications.edges[0]!.node.id);
    // The public feed item is pushed too, once.
    await expect.poll(() => feedPushed.filter((m) => m.id === event.id).length).toBe(1);
  });

  it('announces releases from an initial import only when upcoming or recent', async () => {
    const band = randomUUID();
    const user = fan();
    await follow(user, { targetType: 'BAND', targetId: band });
    const old = testRelease({ bandIds: [band], title: 'Old Classic' });
    const recent = testRelease({ bandIds: [band], title: 'Last Week' });
    const upcoming = testRelease({ bandIds: [band], title: 'Next Month' });
    const estimate = testRelease({ bandIds: [band], title: 'Summer' });
    const undated = testRelease({ bandIds: [band], title: 'No Date' });
    const oldButLive = testRelease({ bandIds: [band], title: 'Old But Not Imported' });
    await deliver(
      announced(old, { fromInitialImport: true, releaseDate: dayDate(-400) }),
      announced(recent, { fromInitialImport: true, releaseDate: dayDate(-7) }),
      announced(upcoming, { fromInitialImport: true, releaseDate: dayDate(30) }),
      announced(estimate, { fromInitialImport: true, releaseDate: { date: null, precision: 'ESTIMATE', text: 'Summer 2027' } }),
      announced(undated, { fromInitialImport: true, releaseDate: null }),
      announced(oldButLive, { fromInitialImport: false, releaseDate: dayDate(-400) }),
    );
    const titles = (await feed(user)).myNotifications.edges.map((e) => e.node.title.replace('Announced: ', '')).sort();
    expect(titles).toEqual(['Last Week', 'Next Month', 'Old But Not Imported', 'Summer']);
  });

  it('follows a label or genre through the release projection, with release type rules', async () => {
    const release = testRelease();
    const labelFan = fan();
    const genreFan = fan();
    const epOnly = fan();
    await follow(labelFan, { targetType: 'LABEL', targetId: release.labelId });
    await follow(genreFan, { targetType: 'GENRE', targetId: release.genreIds[0], events: ['OFFER_ADDED'] });
    await follow(epOnly, { targetType: 'LABEL', targetId: release.labelId, releaseTypes: ['EP'] });
    const offer = testOffer(release);
    // The offer event names no label or genre: only the projection of the announcement does.
    await deliver(announced(release), offerAdded(offer));
    expect((await feed(labelFan)).myNotifications.edges.map((e) => e.node.kind).sort()).toEqual(['OFFER_ADDED', 'RELEASE_ANNOUNCED']);
    expect((await feed(genreFan)).myNotifications.edges.map((e) => e.node.kind)).toEqual(['OFFER_ADDED']);
    expect((await feed(genreFan)).myNotifications.edges[0]!.node.offer).toEqual({ id: offer.offerId });
    expect((await feed(epOnly)).myNotifications.edges).toEqual([]);
  });

  it('tells release watchers about price drops and restocks within their formats and budget, converting currencies', async () => {
    const release = testRelease();
    const watcher = fan();
    const cdOnly = fan();
    const cheapskate = fan();
    const usdBudget = fan();
    const bandFan = fan();
    await follow(watcher, { targetType: 'RELEASE', targetId: release.releaseId });
    await follow(cdOnly, { targetType: 'RELEASE', targetId: release.releaseId, formats: ['CD'] });
    await follow(cheapskate, { targetType: 'RELEASE', targetId: release.releaseId, maxPrice: { amount: '10', currency: 'EUR' } });
    await follow(usdBudget, { targetType: 'RELEASE', targetId: release.releaseId, maxPrice: { amount: '25', currency: 'USD' } });
    await follow(bandFan, { targetType: 'BAND', targetId: release.bandIds[0] });
    const lp = testOffer(release, { format: 'LP' });
    await deliver(ratesUpdated({ USD: '1.25' }), announced(release), offerAdded(lp, { amount: '30.00', currency: 'EUR' }));
    const baseline = new Map([watcher, cdOnly, cheapskate, usdBudget].map((u) => [u.id, 0]));
    for (const user of [watcher, cdOnly, cheapskate, usdBudget]) baseline.set(user.id, (await feed(user)).myNotifications.edges.length);
    // 30 -> 20 EUR: 20 EUR is 25 USD, exactly the USD budget; above the 10 EUR one.
    await deliver(
      priceChanged(lp, '30.00', '20.00'),
      priceChanged(lp, '20.00', '22.00'),
      priceChanged(lp, '22.00', '20.00'),
      stockChanged(lp, 'IN_STOCK', 'OUT_OF_STOCK'),
      stockChanged(lp, 'OUT_OF_STOCK', 'IN_STOCK'),
    );
    const kinds = async (user: AuthUser) => (await feed(user)).myNotifications.edges.slice(0, (await feed(user)).myNotifications.edges.length - baseline.get(user.id)!).map((e) => e.node.kind);
    // Release watchers are not told about increases or a sell-out by default.
    expect(await kinds(watcher)).toEqual(['BACK_IN_STOCK', 'PRICE_DROP', 'PRICE_DROP']);
    expect(await kinds(cdOnly)).toEqual([]);
    expect(await kinds(cheapskate)).toEqual([]);
    expect(await kinds(usdBudget)).toEqual(['BACK_IN_STOCK', 'PRICE_DROP', 'PRICE_DROP']);
    expect((await feed(bandFan)).myNotifications.edges.map((e) => e.node.kind).sort()).toEqual(['OFFER_ADDED', 'RELEASE_ANNOUNCED']);
  });

  it("judges a price drop by the shop's price, never by a rate move, and a max price as shown in the fan's currency", async () => {
    const release = testRelease();
    const watcher = fan();
    const exactBudget = fan();
    const tightBudget = fan();
    await follow(watcher, { targetType: 'RELEASE', targetId: release.releaseId, events: ['PRICE_DROP', 'PRICE_INCREASE'] });
    // 20.00 GBP at 0.8421 is 23.750148 EUR, shown as 23.75 EUR: within a 23.75 EUR budget, not within 23.74.
    await follow(exactBudget, { targetType: 'RELEASE', targetId: release.releaseId, maxPrice: { amount: '23.75', currency: 'EUR' } });
    await follow(tightBudget, { targetType: 'RELEASE', targetId: release.releaseId, maxPrice: { amount: '23.74', currency: 'EUR' } });
    const cd = testOffer(release, { format: 'CD' });
    await deliver(ratesUpdated({ GBP: '0.8421' }, '2099-01-01'), announced(release), offerAdded(cd, { amount: '20.00', currency: 'GBP' }));
    const kinds = async (user: AuthUser) => (await feed(user)).myNotifications.edges.map((e) => e.node.kind);
    expect(await kinds(exactBudget)).toEqual(['OFFER_ADDED']);
    expect(await kinds(tightBudget)).toEqual([]);

    // The pound falls: 20.00 GBP is now 22.22 EUR, but the shop asks what it asked. No news.
    await deliver(ratesUpdated({ GBP: '0.9000' }, '2099-01-02'));
    expect(await kinds(watcher)).toEqual([]);
    // The shop lowers its price: a drop, within both budgets now (19.00 GBP = 21.11 EUR).
    await deliver(priceChanged(cd, '20.00', '19.00', 'GBP'));
    expect(await kinds(watcher)).toEqual(['PRICE_DROP']);
    expect(await kinds(exactBudget)).toEqual(['PRICE_DROP', 'OFFER_ADDED']);
    expect(await kinds(tightBudget)).toEqual(['PRICE_DROP']);
    // The pound falls further while the shop raises its price: in euros it got cheaper
    // (19.50 GBP at 1.0000 = 19.50 EUR < 21.11 EUR), but the shop's price rose: an increase.
    await deliver(ratesUpdated({ GBP: '1.0000' }, '2099-01-03'), priceChanged(cd, '19.00', '19.50', 'GBP'));
    expect(await kinds(watcher)).toEqual(['PRICE_INCREASE', 'PRICE_DROP']);
  });

  it('marks notifications read: given ids of your own, or all', async () => {
    const release = testRelease();
    const user = fan();
    const other = fan();
    await follow(user, { targetType: 'BAND', targetId: release.bandIds[0] });
    await follow(other, { targetType: 'BAND', targetId: release.bandIds[0] });
    await deliver(announced(release), offerAdded(testOffer(release)));
    const ids = (await feed(user)).myNotifications.edges.map((e) => e.node.id);
    const otherIds = (await feed(other)).myNotifications.edges.map((e) => e.node.id);
    const MARK = `mutation($ids: [ID!], $all: Boolean) { markNotificationsRead(ids: $ids, all: $all) }`;
    expect((await executeOk<{ markNotificationsRead: number }>(sut.apollo, MARK, { user, variables: { ids: [ids[0], otherIds[0]] } })).markNotificationsRead).toBe(1);
    expect((await feed(other)).unreadNotificationCount).toBe(2);
    expect((await executeOk<{ markNotificationsRead: number }>(sut.apollo, MARK, { user, variables: { all: true } })).markNotificationsRead).toBe(1);
    expect((await feed(user)).unreadNotificationCount).toBe(0);
    const none = await executeErrors(sut.apollo, MARK, { user, variables: {} });
    expect(none[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const NOTIFICATION = `query($id: ID!) { notification(id: $id) { id } }`;
    expect((await executeOk<{ notification: unknown }>(sut.apollo, NOTIFICATION, { user: other, variables: { id: ids[0] } })).notification).toBeNull();
    expect((await executeOk<{ notification: unknown }>(sut.apollo, NOTIFICATION, { user, variables: { id: ids[0] } })).notification).toEqual({ id: ids[0] });
  });

  it('lets only admins broadcast', async () => {
    const user = fan();
    await follow(user, { targetType: 'BAND', targetId: randomUUID() });
    const BROADCAST = `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`;
    const input = { title: 'Maintenance', message: 'Back in an hour', userIds: [user.id] };
    const refused = await executeErrors(sut.apollo, BROADCAST, { user, variables: { input } });
    expect(refused[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin: AuthUser = testUser(['USER', 'ADMIN']);
    expect((await executeOk<{ broadcastNotification: number }>(sut.apollo, BROADCAST, { user: admin, variables: { input } })).broadcastNotification).toBe(1);
    expect((await feed(user)).myNotifications.edges.map((e) => e.node.kind)).toEqual(['ADMIN_BROADCAST']);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvent } from '@mrt/events';
import { executeOk, openTestSubgraph, waitFor, type TestSubgraph } from '@mrt/graphql-kit/testing';
import type { AuthUser } from '@mrt/graphql-kit';
import { notificationsSubgraph } from '../../index.js';
import { announced, offerAdded, priceChanged, stockChanged, testOffer, testRelease } from '../../testing/release-events.js';

let sut: TestSubgraph;
beforeAll(async () => {
  sut = await openTestSubgraph(notificationsSubgraph, { env: { NOTIFY_INITIAL_IMPORT_RECENT_DAYS: '30' } });
});
afterAll(async () => sut?.close());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => sut.db.dataSource.query(text, params);
const FOLLOW = `mutation($input: FollowInput!) { follow(input: $input) { id } }`;

async function follow(user: AuthUser, input: Record<string, unknown>): Promise<void> {
  await executeOk(sut.apollo, FOLLOW, { user, variables: { input } });
}

async function channel(userId: string, kind: string, options: { isDefault: boolean; digest?: string }): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO notification_channel (user_id, kind, target, is_default, verified_at, digest) VALUES ($1, $2, $3, $4, now(), $5) RETURNING id`,
    [userId, kind, `${kind.toLowerCase()}-${randomUUID()}@example.com`, options.isDefault, options.digest ?? 'INSTANT'],
  );
  return row!.id;
}

/**
 * Two fans and events that lean on each other: an offer before its release's announcement (the
 * projection learns the release from it, then the announcement fills it in), price and stock
 * moves judged against what the events before them recorded, a same-price change that tells
 * nobody, and an offer over a fan's max price. One fan's band follow goes to a daily digest and a
 * webhook, the other's release follow to a channel it names and their label follow to the defaults.
 */
async function scenario(): Promise<{ events: AnyEvent[]; fans: string[] }> {
  const [a, b]: AuthUser[] = [randomUUID(), randomUUID()].map((id) => ({ id, roles: ['USER'], scopes: [] }));
  const release = testRelease();
  const [lp, cd] = [testOffer(release), testOffer(release, { format: 'CD' })];
  await channel(a!.id, 'EMAIL', { isDefault: true, digest: 'DAILY' });
  await sql(`INSERT INTO webhook (user_id, url, secret) VALUES ($1, 'https://hooks.example/a', 'secret')`, [a!.id]);
  await channel(b!.id, 'EMAIL', { isDefault: true });
  const named = await channel(b!.id, 'DISCORD', { isDefault: false });
  await follow(a!, { targetType: 'BAND', targetId: release.bandIds[0] });
  await follow(b!, {
    targetType: 'RELEASE',
    targetId: release.releaseId,
    events: ['OFFER_ADDED', 'PRICE_DROP', 'PRICE_INCREASE', 'STOCK_CHANGED', 'BACK_IN_STOCK'],
    maxPrice: { amount: '30', currency: 'EUR' },
    channelIds: [named],
  });
  await follow(b!, { targetType: 'LABEL', targetId: release.labelId, events: ['RELEASE_ANNOUNCED', 'OFFER_ADDED'] });
  const events: AnyEvent[] = [
    offerAdded(lp),
    announced(release),
    priceChanged(lp, '25.00', '20.00'),
    priceChanged(lp, '20.00', '20.000'),
    stockChanged(lp, 'IN_STOCK', 'OUT_OF_STOCK'),
    stockChanged(lp, 'OUT_OF_STOCK', 'IN_STOCK'),
    offerAdded(cd, { amount: '40.00', currency: 'EUR' }),
    priceChanged(lp, '20.00', '35.00'),
  ];
  return { events, fans: [a!.id, b!.id] };
}

async function deliverAtOnce(events: AnyEvent[]): Promise<void> {
  await sut.bus.publish(events);
  await waitFor(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM event_inbox WHERE event_id = ANY($1::uuid[])`, [events.map((e) => e.id)]))[0]!.n === events.length);
}

/** The rows the events left, with ids replaced by what they name (ids differ between runs). */
async function outcome({ events, fans }: { events: AnyEvent[]; fans: string[] }) {
  const releaseId = (events[1]!.data as { releaseId: string }).releaseId;
  const offerIds = [...new Set(events.flatMap((e) => ('offerId' in e.data ? [e.data.offerId as string] : [])))];
  const eventIds = events.map((e) => e.id);
  const projections = {
    release: await sql(`SELECT title, release_type, release_date::text AS release_date, release_date_precision, label_id IS NOT NULL AS labelled FROM release_projection WHERE release_id = $1`, [releaseId]),
    offers: await sql(`SELECT offer_id, format, price_amount::text AS price, price_currency, stock, removed FROM offer_projection WHERE offer_id = ANY($1::uuid[]) ORDER BY format`, [offerIds]),
  };
  const feed = await sql(`SELECT id, kind, offer_id, format FROM release_feed_event WHERE id = ANY($1::uuid[])`, [eventIds]);
  const notifications = await sql(`SELECT user_id, event_id, kind, title, message FROM notification WHERE event_id = ANY($1::uuid[])`, [eventIds]);
  const deliveries = await sql(
    `SELECT n.user_id, n.event_id, d.channel, c.kind AS channel_kind, d.digest_id IS NOT NULL AS in_digest
       FROM notification_delivery d JOIN notification n ON n.id = d.notification_id LEFT JOIN notification_channel c ON c.id = d.destination_id
      WHERE n.event_id = ANY($1::uuid[])`,
    [eventIds],
  );
  const names = new Map<string, string>([...eventIds.map((id, i) => [id, `event-${i}`] as const), ...fans.map((id, i) => [id, `fan-${i}`] as const), ...offerIds.map((id, i) => [id, `offer-${i}`] as const)]);
  const named = (value: unknown) => [...names].reduce((json, [id, name]) => json.replaceAll(id, name), JSON.stringify(value));
  const sorted = (rows: Record<string, unknown>[]) => rows.map(named).sort();
  return { projections: JSON.parse(named(projections)) as unknown, feed: sorted(feed), notifications: sorted(notifications), deliveries: sorted(deliveries) };
}

describe('matching a batch of release changes', () => {
  it('comes out exactly as handling the events one per transaction', async () => {
    const oneByOne = await scenario();
    for (const event of oneByOne.events) await deliverAtOnce([event]);
    const batch = await scenario();
    await deliverAtOnce(batch.events);

    // One transaction (one inbox timestamp) for the whole batch.
    expect(await sql(`SELECT DISTINCT handled_at FROM event_inbox WHERE event_id = ANY($1::uuid[])`, [batch.events.map((e) => e.id)])).toHaveLength(1);

    const expected = (await outcome(oneByOne)) as { feed: string[]; notifications: string[]; deliveries: string[] };
    expect(await outcome(batch)).toEqual(expected);

    // And that outcome is the one intended.
    expect(expected.feed.map((row) => (JSON.parse(row) as { kind: string }).kind).sort()).toEqual(
      ['OFFER_ADDED', 'RELEASE_ANNOUNCED', 'PRICE_DROP', 'STOCK_CHANGED', 'BACK_IN_STOCK', 'OFFER_ADDED', 'PRICE_INCREASE'].sort(),
    );
    const notified = expected.notifications.map((row) => JSON.parse(row) as { user_id: string; kind: string });
    expect(notified.filter((n) => n.user_id === 'fan-0').map((n) => n.kind).sort()).toEqual(['OFFER_ADDED', 'OFFER_ADDED', 'RELEASE_ANNOUNCED']);
    // Fan 1: the CD at 40 and the LP at 35 are over the max price; the label follow still tells of the CD.
    expect(notified.filter((n) => n.user_id === 'fan-1').map((n) => n.kind).sort()).toEqual(['BACK_IN_STOCK', 'OFFER_ADDED', 'OFFER_ADDED', 'PRICE_DROP', 'RELEASE_ANNOUNCED', 'STOCK_CHANGED']);
    const delivered = expected.deliveries.map((row) => JSON.parse(row) as { user_id: string; channel: string; in_digest: boolean });
    expect(delivered.filter((d) => d.user_id === 'fan-0').every((d) => d.channel === 'WEBHOOK' || d.in_digest)).toBe(true);
    expect(new Set(delivered.filter((d) => d.user_id === 'fan-1').map((d) => d.channel))).toEqual(new Set(['EMAIL', 'DISCORD']));
  });
});

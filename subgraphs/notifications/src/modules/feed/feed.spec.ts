import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvent } from '@mrt/events';
import type { AuthUser } from '@mrt/graphql-kit';
import { deliverEvents, executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { notificationsSubgraph } from '../../index.js';
import { announced, dayDate, testRelease } from '../../testing/release-events.js';

let sut: TestSubgraph;
let baseUrl: string;
beforeAll(async () => {
  sut = await openTestSubgraph(notificationsSubgraph, { env: { NOTIFICATIONS_PUBLIC_URL: 'http://feeds.example.com' } });
  baseUrl = await sut.subgraph.listen(0, '127.0.0.1');
});
afterAll(async () => sut?.close());

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const CREATE = `mutation($kind: FeedKind!) { createFeedUrl(kind: $kind) }`;

async function feedUrl(user: AuthUser, kind: 'ATOM' | 'ICAL'): Promise<string> {
  const url = (await executeOk<{ createFeedUrl: string }>(sut.apollo, CREATE, { user, variables: { kind } })).createFeedUrl;
  expect(url.startsWith('http://feeds.example.com/feeds/')).toBe(true);
  return url.replace('http://feeds.example.com', baseUrl);
}

const deliver = (event: AnyEvent) => deliverEvents(sut, event);

describe('secret feeds', () => {
  it('serves the Atom feed of your notifications until the URL is replaced or revoked', async () => {
    const user = fan();
    const release = testRelease({ title: 'Fire & <Ice>' });
    await executeOk(sut.apollo, `mutation($input: FollowInput!) { follow(input: $input) { id } }`, { user, variables: { input: { targetType: 'BAND', targetId: release.bandIds[0] } } });
    await deliver(announced(release));
    const url = await feedUrl(user, 'ATOM');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/atom+xml');
    const atom = await response.text();
    expect(atom).toContain('<title>Announced: Fire &amp; &lt;Ice&gt;</title>');
    expect(atom).toContain('<category term="RELEASE_ANNOUNCED"/>');
    const replacement = await feedUrl(user, 'ATOM');
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(replacement)).status).toBe(200);
    expect((await executeOk<{ revokeFeedUrl: boolean }>(sut.apollo, `mutation { revokeFeedUrl(kind: ATOM) }`, { user })).revokeFeedUrl).toBe(true);
    expect((await fetch(replacement)).status).toBe(404);
    // A token for one kind does not open the other.
    expect((await fetch(replacement.replace('notifications.atom', 'releases.ics'))).status).toBe(404);
  });

  it('serves an iCalendar of upcoming day-exact releases of followed bands', async () => {
    const user = fan();
    const band = randomUUID();
    await executeOk(sut.apollo, `mutation($input: FollowInput!) { follow(input: $input) { id } }`, { user, variables: { input: { targetType: 'BAND', targetId: band } } });
    const upcoming = testRelease({ bandIds: [band], title: 'Coming, Soon' });
    const past = testRelease({ bandIds: [band], title: 'Long Gone' });
    const otherBand = testRelease({ title: 'Not Followed' });
    await deliver(announced(upcoming, { releaseDate: dayDate(10) }));
    await deliver(announced(past, { releaseDate: dayDate(-100) }));
    await deliver(announced(otherBand, { releaseDate: dayDate(10) }));
    const ics = await (await fetch(await feedUrl(user, 'ICAL'))).text();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain(`UID:release-${upcoming.releaseId}@metal-release-tracker`);
    expect(ics).toContain(`DTSTART;VALUE=DATE:${dayDate(10).date!.replace(/-/g, '')}`);
    expect(ics).toContain('SUMMARY:Coming\\, Soon');
    expect(ics).not.toContain('Long Gone');
    expect(ics).not.toContain('Not Followed');
  });
});

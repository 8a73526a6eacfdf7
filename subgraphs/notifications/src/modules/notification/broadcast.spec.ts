import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import type { AuthUser } from '@mrt/graphql-kit';
import { notificationsSubgraph } from '../../index.js';

/** An operator's message to everyone, or to the followers of one band, label or genre. */
let sut: TestSubgraph;
beforeAll(async () => {
  sut = await openTestSubgraph(notificationsSubgraph);
});
afterAll(async () => sut?.close());

const admin: AuthUser = testUser(['USER', 'ADMIN']);
const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const BROADCAST = `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`;

async function follow(user: AuthUser, targetType: string, targetId: string) {
  await executeOk(sut.apollo, `mutation($input: FollowInput!) { follow(input: $input) { id } }`, { user, variables: { input: { targetType, targetId } } });
}

async function broadcastTitles(user: AuthUser): Promise<string[]> {
  const feed = await executeOk<{ myNotifications: { edges: { node: { kind: string; title: string } }[] } }>(sut.apollo, `{ myNotifications(first: 50) { edges { node { kind title } } } }`, { user });
  return feed.myNotifications.edges.filter((edge) => edge.node.kind === 'ADMIN_BROADCAST').map((edge) => edge.node.title);
}

describe('broadcasts to followers', () => {
  it('reaches the followers of one band, label or genre and no one else', async () => {
    const [band, label, genre] = [randomUUID(), randomUUID(), randomUUID()];
    const bandFan = fan();
    const labelFan = fan();
    const genreFan = fan();
    const bothFan = fan();
    await follow(bandFan, 'BAND', band);
    await follow(labelFan, 'LABEL', label);
    await follow(genreFan, 'GENRE', genre);
    await follow(bothFan, 'BAND', band);
    await follow(bothFan, 'GENRE', genre);

    const send = async (title: string, followersOf: { type: string; id: string }) =>
      (await executeOk<{ broadcastNotification: number }>(sut.apollo, BROADCAST, { user: admin, variables: { input: { title, message: 'Details inside', followersOf } } }))
        .broadcastNotification;
    expect(await send('Band news', { type: 'BAND', id: band })).toBe(2);
    expect(await send('Label news', { type: 'LABEL', id: label })).toBe(1);
    expect(await send('Genre news', { type: 'GENRE', id: genre })).toBe(2);

    expect(await broadcastTitles(bandFan)).toEqual(['Band news']);
    expect(await broadcastTitles(labelFan)).toEqual(['Label news']);
    expect(await broadcastTitles(genreFan)).toEqual(['Genre news']);
    expect((await broadcastTitles(bothFan)).sort()).toEqual(['Band news', 'Genre news']);

    // Everyone who follows anything, as before.
    expect(await send('All fans', null as never)).toBeGreaterThanOrEqual(4);
    expect(await broadcastTitles(labelFan)).toContain('All fans');
  });

  it('refuses a target that is no band, label or genre, or one combined with userIds, and sends nothing', async () => {
    const someone = fan();
    await follow(someone, 'RELEASE', randomUUID());
    const cases = [
      [{ followersOf: { type: 'RELEASE', id: randomUUID() } }, 'followersOf.type'],
      [{ followersOf: { type: 'BAND', id: 'not-an-id' } }, 'followersOf.id'],
      [{ followersOf: { type: 'BAND', id: randomUUID() }, userIds: [someone.id] }, 'followersOf'],
    ] as const;
    for (const [extra, path] of cases) {
      const errors = await executeErrors(sut.apollo, BROADCAST, { user: admin, variables: { input: { title: 'Refused', message: 'Nope', ...extra } } });
      expect(errors[0]?.extensions, path).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path })] });
    }
    // What would have happened: a broadcast to this fan arrives; the refused ones never did.
    await executeOk(sut.apollo, BROADCAST, { user: admin, variables: { input: { title: 'Allowed', message: 'Yes', userIds: [someone.id] } } });
    expect(await broadcastTitles(someone)).toEqual(['Allowed']);
  });
});

import { describe, expect, it } from 'vitest';
import { buildSchema, parse } from 'graphql';
import { toLiveOperation, withKey, type LiveOperation } from './live-operation.js';
import { LiveQueue } from './live-queue.js';
import { feedMatches } from './live-hub.js';

const schema = buildSchema(`
  type Query { notification(id: ID!): Notification releaseFeedEvent(id: ID!): FeedEvent }
  type Subscription { notificationAdded: Notification! releaseFeed(filter: Filter): FeedEvent! }
  input Filter { bandIds: [ID!] formats: [String!] }
  type Notification { id: ID! title: String! release(country: String): Release }
  type FeedEvent { id: ID! kind: String! }
  type Release { id: ID! title: String! }
`);

describe('toLiveOperation', () => {
  it('turns the subscription into a query on the resolving field, keeping alias, fragments and used variables', () => {
    const document = parse(`
      subscription Mine($country: String, $unused: Int) { mine: notificationAdded { ...N release(country: $country) { title } } }
      fragment N on Notification { id title }
    `);
    const live = toLiveOperation(schema, document, null, { country: 'UA', unused: 1 }) as LiveOperation;
    expect(live.field).toBe('notificationAdded');
    expect(live.responseKey).toBe('mine');
    expect(live.query).toContain('query Mine($__liveKey: ID!, $country: String)');
    expect(live.query).toContain('mine: notification(id: $__liveKey)');
    expect(live.query).toContain('fragment N on Notification');
    expect(withKey(live, 'n1')).toEqual({ country: 'UA', __liveKey: 'n1' });
  });

  it('reads the root field arguments and drops variables only they used', () => {
    const document = parse(`subscription($filter: Filter) { releaseFeed(filter: $filter) { id kind } }`);
    const live = toLiveOperation(schema, document, null, { filter: { bandIds: ['b1'] } }) as LiveOperation;
    expect(live.args).toEqual({ filter: { bandIds: ['b1'] } });
    expect(live.query).not.toContain('$filter');
    expect(live.variables).toEqual({});
  });

  it('refuses queries, several root fields and unknown fields', () => {
    expect(toLiveOperation(schema, parse('{ notification(id: "1") { id } }'), null, {})).toEqual([expect.objectContaining({ message: expect.stringMatching(/Only subscriptions/) })]);
    expect(toLiveOperation(schema, parse('subscription { notificationAdded { id } releaseFeed { id } }'), null, {})).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/exactly one root field/) }),
    ]);
  });
});

describe('feedMatches', () => {
  const message = { id: 'e', kind: 'OFFER_ADDED', releaseId: 'r', offerId: 'o', bandIds: ['b1', 'b2'], genreIds: ['g1'], format: 'LP' };
  it('matches every given list, any value within a list', () => {
    expect(feedMatches(null, message)).toBe(true);
    expect(feedMatches({ bandIds: ['b2', 'x'], formats: ['CD', 'LP'] }, message)).toBe(true);
    expect(feedMatches({ bandIds: ['x'] }, message)).toBe(false);
    expect(feedMatches({ genreIds: ['g2'] }, message)).toBe(false);
    expect(feedMatches({ kinds: ['PRICE_DROP'] }, message)).toBe(false);
    expect(feedMatches({ formats: ['LP'] }, { ...message, format: null })).toBe(false);
  });
});

describe('LiveQueue', () => {
  it('hands results to a waiting reader, buffers up to its capacity, then reports the slow consumer instead of growing', async () => {
    let overflowed = 0;
    let ended = 0;
    const queue = new LiveQueue(2, () => (overflowed += 1), () => (ended += 1));
    const waiting = queue.next();
    queue.push({ data: { n: 1 } });
    expect((await waiting).value).toEqual({ data: { n: 1 } });
    queue.push({ data: { n: 2 } });
    queue.push({ data: { n: 3 } });
    queue.push({ data: { n: 4 } });
    expect(queue.size).toBe(2);
    expect(overflowed).toBe(1);
    expect((await queue.next()).value).toEqual({ data: { n: 2 } });
    await queue.return();
    expect(ended).toBe(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
    queue.push({ data: { n: 5 } });
    expect(queue.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { buildSchema, parse } from 'graphql';
import { toLiveOperation, withKey, type LiveOperation } from './live-operation.js';

const schema = buildSchema(`
  type Query { notification(id: ID!): Notification releaseFeedEvent(id: ID!, filter: Filter): FeedEvent }
  type Subscription { notificationAdded: Notification! releaseFeed(filter: Filter): FeedEvent! }
  input Filter { bandIds: [ID!] formats: [Format!] }
  enum Format { LP CD }
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

  it('forwards the root field arguments to the resolving field as variables, without reading them', () => {
    const document = parse(`subscription($filter: Filter) { releaseFeed(filter: $filter) { id kind } }`);
    const live = toLiveOperation(schema, document, null, { filter: { formats: ['LP'], bandIds: ['b1'] } }) as LiveOperation;
    expect(live.args).toEqual({ filter: { bandIds: ['b1'], formats: ['LP'] } });
    expect(live.query).toContain('query ($__liveKey: ID!, $__liveArg_filter: Filter)');
    expect(live.query).toContain('releaseFeed: releaseFeedEvent(id: $__liveKey, filter: $__liveArg_filter)');
    expect(live.query).not.toContain('$filter');
    expect(withKey(live, 'e1')).toEqual({ __liveKey: 'e1', __liveArg_filter: { bandIds: ['b1'], formats: ['LP'] } });
  });

  it('gives equal arguments the same derived query and variables, however they were written', () => {
    const viaVariable = toLiveOperation(schema, parse(`subscription($f: Filter) { releaseFeed(filter: $f) { id } }`), null, { f: { formats: ['LP'], bandIds: ['b1'] } }) as LiveOperation;
    const inline = toLiveOperation(schema, parse(`subscription { releaseFeed(filter: { bandIds: "b1", formats: LP }) { id } }`), null, {}) as LiveOperation;
    expect(inline.query).toBe(viaVariable.query);
    expect(JSON.stringify(inline.variables)).toBe(JSON.stringify(viaVariable.variables));
    const none = toLiveOperation(schema, parse(`subscription { releaseFeed { id } }`), null, {}) as LiveOperation;
    expect(none.query).toContain('releaseFeedEvent(id: $__liveKey)');
    expect(none.variables).toEqual({});
  });

  it('refuses an argument the resolving field does not take', () => {
    const narrow = buildSchema(`
      type Query { releaseFeedEvent(id: ID!): FeedEvent }
      type Subscription { releaseFeed(filter: Filter): FeedEvent! }
      input Filter { bandIds: [ID!] }
      type FeedEvent { id: ID! }
    `);
    expect(toLiveOperation(narrow, parse(`subscription { releaseFeed(filter: { bandIds: ["b1"] }) { id } }`), null, {})).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/no counterpart on releaseFeedEvent/) }),
    ]);
  });

  it('refuses queries, several root fields and unknown fields', () => {
    expect(toLiveOperation(schema, parse('{ notification(id: "1") { id } }'), null, {})).toEqual([expect.objectContaining({ message: expect.stringMatching(/Only subscriptions/) })]);
    expect(toLiveOperation(schema, parse('subscription { notificationAdded { id } releaseFeed { id } }'), null, {})).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/exactly one root field/) }),
    ]);
  });
});

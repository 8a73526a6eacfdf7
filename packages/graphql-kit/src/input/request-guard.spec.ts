import { ApolloServer } from '@apollo/server';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLScalarType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateScalar, DateTimeScalar } from '../domain/date-scalar.js';
import { createErrorFormatter } from '../format-error.js';
import { requestGuardPlugin } from './request-guard-plugin.js';
import { createLogger } from '@mrt/platform';

/**
 * The gateway knows custom scalars by name only: `Decimal` and `Date` here are opaque, as in the
 * supergraph, and the guard must still apply their rules.
 */
const opaqueTypes = new Map<string, GraphQLScalarType>();
const opaque = (name: string) => opaqueTypes.get(name) ?? opaqueTypes.set(name, new GraphQLScalarType({ name })).get(name)!;
const Filter = new GraphQLInputObjectType({
  name: 'Filter',
  fields: {
    search: { type: GraphQLString },
    priceMax: { type: opaque('Decimal') },
    releasedFrom: { type: opaque('Date') },
    tags: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    options: { type: opaque('JSON') },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      releases: { type: GraphQLString, args: { filter: { type: Filter }, from: { type: opaque('Date') } }, resolve: () => 'ok' },
    },
  }),
  subscription: new GraphQLObjectType({ name: 'Subscription', fields: { feed: { type: GraphQLString } } }),
});

let server: ApolloServer;
beforeAll(async () => {
  server = new ApolloServer({ schema, plugins: [requestGuardPlugin()], formatError: createErrorFormatter(createLogger({ name: 'spec', level: 'silent' })) });
  await server.start();
});
afterAll(() => server.stop());

async function run(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const response = await server.executeOperation({ query, variables, operationName });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, errors: response.body.singleResult.errors, data: response.body.singleResult.data };
}

const QUERY = 'query($f: Filter, $d: Date) { releases(filter: $f, from: $d) }';

describe('argument values every field refuses', () => {
  it.each([
    ['a NUL in a nested string variable', { f: { search: 'a\u0000b' } }, 'f', 'filter.search', /NUL/],
    ['a lone surrogate in a list item', { f: { tags: ['ok', 'x\ud800'] } }, 'f', 'filter.tags.1', /lone surrogates/],
    ['a NUL deep inside a JSON value', { f: { options: { nested: ['\u0000'] } } }, 'f', 'filter.options.nested.0', /NUL/],
    ['NaN as a decimal', { f: { priceMax: 'NaN' } }, 'f', 'filter.priceMax', /exact decimal/],
    ['a 3,000-digit decimal', { f: { priceMax: '9'.repeat(3000) } }, 'f', 'filter.priceMax', /at most 12 digits/],
    ['an impossible day', { f: { releasedFrom: '2024-13-45' } }, 'f', 'filter.releasedFrom', /invalid date/],
    ['year 0000', { d: '0000-01-01' }, 'd', 'from', /between 1900-01-01 and 9999-12-31/],
  ])('%s is BAD_USER_INPUT (400) naming the field', async (_name, variables, _variable, path, message) => {
    const { status, errors } = await run(QUERY, variables);
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.fields).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('names every problem by its own path when a value holds several (each path unwinds after its value)', async () => {
    const variables = { f: { options: { a: ['ok', '\u0000'], b: { c: 'x\ud800' } }, tags: ['x\ud800', 'ok', '\u0000'], search: 'a\u0000' } };
    const { errors } = await run(QUERY, variables);
    expect(errors?.[0]?.extensions?.fields).toEqual([
      { path: 'filter.options.a.1', message: expect.stringMatching(/NUL/) },
      { path: 'filter.options.b.c', message: expect.stringMatching(/lone surrogates/) },
      { path: 'filter.tags.0', message: expect.stringMatching(/lone surrogates/) },
      { path: 'filter.tags.2', message: expect.stringMatching(/NUL/) },
      { path: 'filter.search', message: expect.stringMatching(/NUL/) },
    ]);
  });

  it('checks literals in the document the same way, non-finite numbers included', async () => {
    const { errors } = await run('{ releases(filter: { priceMax: 1e400, search: "a\\u0000" }, from: "0000-01-01") }');
    expect(errors?.[0]?.extensions?.fields).toEqual([
      { path: 'filter.priceMax', message: 'must be a finite number' },
      { path: 'filter.search', message: expect.stringMatching(/NUL/) },
      { path: 'from', message: expect.stringMatching(/between/) },
    ]);
  });

  it('checks a variable default and lets good values through', async () => {
    expect((await run('query($d: Date = "0000-01-01") { releases(from: $d) }')).errors?.[0]?.extensions?.fields).toEqual([
      { path: 'from', message: expect.stringMatching(/between/) },
    ]);
    const good = await run(QUERY, { f: { search: 'Mgła 😀', priceMax: '12.99', releasedFrom: '2024-02-29', tags: ['black'] }, d: '2027-01-01' });
    expect(good.errors).toBeUndefined();
    expect(good.data).toEqual({ releases: 'ok' });
  });
});

describe('requests that cannot run', () => {
  it('several operations without operationName, or an unknown one, are a 400 OPERATION_RESOLUTION_FAILURE', async () => {
    for (const operationName of [undefined, 'Nope']) {
      const { status, errors } = await run('query A { releases } query B { releases }', undefined, operationName);
      expect(status).toBe(400);
      expect(errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
      expect(errors?.[0]?.message).toContain('A, B');
    }
  });

  it('a subscription over HTTP is a 400 naming the WebSocket transport', async () => {
    const { status, errors } = await run('subscription { feed }');
    expect(status).toBe(400);
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'SUBSCRIPTION_OVER_HTTP' }, message: expect.stringContaining('graphql-ws') });
  });
});

describe('the range-checked date scalars', () => {
  it('parse valid values as before and refuse out-of-range years with the range', () => {
    expect(DateScalar.parseValue('2027-03-14')).toEqual(new Date('2027-03-14T00:00:00Z'));
    expect(DateScalar.serialize(new Date('2027-03-14T00:00:00Z'))).toBe('2027-03-14');
    expect(() => DateScalar.parseValue('1899-12-31')).toThrow(/between 1900-01-01 and 9999-12-31/);
    expect(DateTimeScalar.parseValue('2027-03-14T10:00:00Z')).toEqual(new Date('2027-03-14T10:00:00Z'));
    expect(() => DateTimeScalar.parseValue('0000-01-01T00:00:00Z')).toThrow(/between/);
    try {
      DateScalar.parseValue('2024-02-30');
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({ code: 'BAD_USER_INPUT' });
    }
  });
});

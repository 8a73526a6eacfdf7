import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS, checkOperationLimits, countTokens, sizeVariables, type OperationLimits } from './operation-limits.js';

const schema = buildSchema(`
  type Query {
    band(id: ID!): Band
    bands(first: Int, after: String): BandConnection!
    search(limit: Int): [SearchHit!]!
    ping: String
  }
  type Band { id: ID! name: String! members: [Person!]! releases(first: Int): ReleaseConnection! }
  type Person { name: String! band: Band }
  type BandConnection { edges: [BandEdge!]! }
  type BandEdge { node: Band! }
  type ReleaseConnection { edges: [ReleaseEdge!]! }
  type ReleaseEdge { node: Release! }
  type Release { id: ID! title: String! }
  union SearchHit = Band | Release
`);

const limits = (overrides: Partial<OperationLimits>): OperationLimits => ({ ...DEFAULT_OPERATION_LIMITS, ...overrides });
function codes(query: string, overrides: Partial<OperationLimits>, variables?: Record<string, unknown>): string[] {
  return checkOperationLimits({ schema, document: parse(query), variables, limits: limits(overrides) }).map((error) => String(error.extensions.code));
}

describe('checkOperationLimits', () => {
  // band { members { band { members { name } } } } is 5 levels deep.
  const deep = '{ band(id: "1") { members { band { members { name } } } } }';

  it('depth: accepts an operation at the limit, refuses one level more', () => {
    expect(codes(deep, { maxDepth: 5 })).toEqual([]);
    expect(codes(deep, { maxDepth: 4 })).toEqual(['OPERATION_TOO_DEEP']);
  });

  it('depth counts through fragments and ignores introspection', () => {
    const query = 'query { band(id: "1") { ...M } } fragment M on Band { members { band { id } } }';
    expect(codes(query, { maxDepth: 4 })).toEqual([]);
    expect(codes(query, { maxDepth: 3 })).toEqual(['OPERATION_TOO_DEEP']);
    expect(codes('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }', { maxDepth: 2 })).toEqual([]);
  });

  it('aliases: accepts the limit, refuses one more', () => {
    const query = '{ a: ping b: ping c: band(id: "1") { d: name } }';
    expect(codes(query, { maxAliases: 4 })).toEqual([]);
    expect(codes(query, { maxAliases: 3 })).toEqual(['MAX_ALIASES_EXCEEDED']);
  });

  it('root fields: accepts the limit, refuses one more (fragments included)', () => {
    const query = '{ ping a: ping ...F } fragment F on Query { b: ping }';
    expect(codes(query, { maxRootFields: 3 })).toEqual([]);
    expect(codes(query, { maxRootFields: 2 })).toEqual(['MAX_ROOT_FIELDS_EXCEEDED']);
  });

  it('directives: accepts the limit, refuses one more', () => {
    const query = 'query($x: Boolean!) { ping @include(if: $x) band(id: "1") @skip(if: $x) { name @include(if: $x) } }';
    expect(codes(query, { maxDirectives: 3 }, { x: true })).toEqual([]);
    expect(codes(query, { maxDirectives: 2 }, { x: true })).toEqual(['MAX_DIRECTIVES_EXCEEDED']);
  });

  it('tokens: counts like the parser and refuses one token over', () => {
    // { ping } = 3 tokens; a comment is not one.
    expect(countTokens('{ ping } # comment')).toBe(3);
    const query = '{ ping band(id: "1") { name } }';
    const tokens = countTokens(query);
    expect(tokens).toBe(12);
    expect(() => parse(query, { maxTokens: tokens })).not.toThrow();
    expect(() => parse(query, { maxTokens: tokens - 1 })).toThrow(/Document contains more th[a-z]+ 11 tokens/);
    expect(codes(query, { maxTokens: tokens })).toEqual([]);
    expect(codes(query, { maxTokens: tokens - 1 })).toEqual(['MAX_TOKENS_EXCEEDED']);
  });

  it('cost: list sizes come from first/limit (literal, variable or default) and multiply', () => {
    // bands(first: 10): edges x10 of (edge 1 + node 1 + releases(first: 5) 1 + edges x5 of (1 + node 1)) = 10 * (1 + 1 + 1 + 5 * 2) = 130, +1 for bands.
    const query = 'query($n: Int = 10) { bands(first: $n) { edges { node { name releases(first: 5) { edges { node { title } } } } } } }';
    expect(codes(query, { maxCost: 131 })).toEqual([]);
    expect(codes(query, { maxCost: 130 })).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(codes(query, { maxCost: 131 }, { n: 11 })).toEqual(['COST_LIMIT_EXCEEDED']);
    const [error] = checkOperationLimits({ schema, document: parse(query), variables: { n: 20 }, limits: limits({ maxCost: 100 }) });
    expect(error?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 100, actual: 261 });
  });

  it('cost: a list without a size argument counts as defaultListSize; per-field costs apply; unions are costed by member', () => {
    const query = '{ band(id: "1") { members { name } } }';
    // band 1 + members defaultListSize x 1
    expect(codes(query, { maxCost: 1 + 7, defaultListSize: 7 })).toEqual([]);
    expect(codes(query, { maxCost: 1 + 7, defaultListSize: 8 })).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(codes(query, { maxCost: 8, defaultListSize: 7, fieldCosts: { 'Query.band': 2 } })).toEqual(['COST_LIMIT_EXCEEDED']);
    const union = '{ search(limit: 4) { ... on Band { members { name } } ... on Release { title } } }';
    // search x4 of (1 + members x2)
    expect(codes(union, { maxCost: 12, defaultListSize: 2 })).toEqual([]);
    expect(codes(union, { maxCost: 11, defaultListSize: 2 })).toEqual(['COST_LIMIT_EXCEEDED']);
  });

  it('sizeVariables: the variables given to first/last/limit, in fragments too, and no others', () => {
    const document = parse(`
      query Q($n: Int, $after: String, $k: Int, $id: ID!, $unused: Int) { bands(first: $n, after: $after) { edges { node { ...R } } } search(limit: $k) { __typename } band(id: $id) { name } }
      fragment R on Band { releases(first: 3) { edges { node { id } } } again: releases(first: $n) { edges { node { id } } } }
    `);
    expect(sizeVariables(document)).toEqual(['n', 'k']);
    // Only those change a verdict: the same sizes with other values of the rest measure the same.
    const verdict = (variables: Record<string, unknown>) =>
      checkOperationLimits({ schema, document, variables, limits: limits({ maxCost: 200 }) }).map((error) => String(error.extensions.code));
    expect(verdict({ n: 5, k: 5, after: 'a', id: '1', unused: 1_000_000 })).toEqual(verdict({ n: 5, k: 5, after: 'z'.repeat(1000), id: '2', unused: 0 }));
    expect(verdict({ n: 5, k: 5 })).toEqual([]);
    expect(verdict({ n: 500, k: 5 })).toEqual(['COST_LIMIT_EXCEEDED']);
  });

  it('reports every broken limit with its bound and the measured value', () => {
    const errors = checkOperationLimits({ schema, document: parse(deep), limits: limits({ maxDepth: 1, maxTokens: 3 }) });
    expect(errors.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'MAX_TOKENS_EXCEEDED', limit: 3 }),
      expect.objectContaining({ code: 'OPERATION_TOO_DEEP', limit: 1, actual: 5 }),
    ]);
  });
});

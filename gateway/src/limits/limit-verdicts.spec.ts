import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import { buildSchema, parse, type DocumentNode } from 'graphql';
import { DEFAULT_OPERATION_LIMITS, checkOperationLimits, operationLimitsPlugin, type CheckOperationInput } from '@mrt/graphql-kit';
import { DEFAULT_GATEWAY_SETTINGS } from '../settings.js';
import { FEDERATION_LINK, FakeSubgraph, post, startTestGateway, type TestGateway } from '../test-support/fake-subgraphs.js';

/** Remembered verdicts of the operation limits: what is measured again and what is not. */
const schema = buildSchema('type Query { items(first: Int): [Item!]! } type Item { name: String! }');
const limits = { ...DEFAULT_OPERATION_LIMITS, maxCost: 50 };
const LIST = parse('query List($n: Int) { items(first: $n) { name } }');

async function pluginCountingChecks(options: { cacheVerdicts: boolean }) {
  const checked: CheckOperationInput[] = [];
  const plugin = operationLimitsPlugin(limits, {
    ...options,
    check: (input: CheckOperationInput) => {
      checked.push(input);
      return checkOperationLimits(input);
    },
  });
  const listener = (await plugin.requestDidStart!({} as never)) as GraphQLRequestListener<never>;
  const resolve = (document: DocumentNode, variables: Record<string, unknown>) =>
    listener.didResolveOperation!({ schema, document, request: { operationName: 'List', variables } } as unknown as GraphQLRequestContextDidResolveOperation<never>);
  return { checked, resolve };
}

describe('remembered limit verdicts', () => {
  it('measures a (document, variables) that passed only once', async () => {
    const { checked, resolve } = await pluginCountingChecks({ cacheVerdicts: true });
    await resolve(LIST, { n: 5 });
    await resolve(LIST, { n: 5 });
    expect(checked).toHaveLength(1);
    await resolve(LIST, { n: 6 });
    expect(checked).toHaveLength(2);
    // Another parse of the same text is another document (Apollo reuses one per text).
    await resolve(parse('query List($n: Int) { items(first: $n) { name } }'), { n: 5 });
    expect(checked).toHaveLength(3);
  });

  it('keys a verdict on the size variables only: other variables, however large, never measure it again', async () => {
    const { checked, resolve } = await pluginCountingChecks({ cacheVerdicts: true });
    const FILTERED = parse('query List($n: Int, $tag: String) { items(first: $n) { name } }');
    await resolve(FILTERED, { n: 5, tag: 'a' });
    await resolve(FILTERED, { n: 5, tag: 'b'.repeat(10_000) });
    expect(checked).toHaveLength(1);
    await resolve(FILTERED, { n: 7, tag: 'a' });
    expect(checked).toHaveLength(2);
    // An entity fetch has no size argument: its representations never change the verdict.
    const ENTITIES = parse('query List($r: [String!]!) { items { name } other: items { name } }');
    await resolve(ENTITIES, { r: ['x'] });
    await resolve(ENTITIES, { r: ['y', 'z'] });
    expect(checked).toHaveLength(3);
  });

  it('measures a failing operation every time, and every time when turned off', async () => {
    const remembering = await pluginCountingChecks({ cacheVerdicts: true });
    for (let i = 0; i < 2; i++) await expect(remembering.resolve(LIST, { n: 500 })).rejects.toMatchObject({ extensions: { code: 'COST_LIMIT_EXCEEDED' } });
    expect(remembering.checked).toHaveLength(2);

    const off = await pluginCountingChecks({ cacheVerdicts: false });
    for (let i = 0; i < 2; i++) await off.resolve(LIST, { n: 5 });
    expect(off.checked).toHaveLength(2);
  });
});

describe('remembered limit verdicts behind the gateway', () => {
  const subgraph = new FakeSubgraph('catalog', `${FEDERATION_LINK}\n  type Query { items(first: Int): [Item!]! }\n  type Item { name: String! }`, () => ({
    body: { data: { items: [{ name: 'a' }] } },
  }));
  let gateway: TestGateway;
  beforeAll(async () => {
    await subgraph.start();
    gateway = await startTestGateway([subgraph], { settings: { limits, rateLimit: null, responseCache: null, cacheLimitVerdicts: DEFAULT_GATEWAY_SETTINGS.cacheLimitVerdicts } });
  });
  afterAll(async () => {
    await gateway.stop();
    await subgraph.stop();
  });

  it('still refuses the same document with variables that exceed a limit after it passed with others', async () => {
    const query = 'query List($n: Int) { items(first: $n) { name } }';
    for (const [n, code] of [[5, undefined], [500, 'COST_LIMIT_EXCEEDED'], [5, undefined], [500, 'COST_LIMIT_EXCEEDED']] as const) {
      const { body } = await post(gateway.url, { query, variables: { n } });
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
    }
  });
});

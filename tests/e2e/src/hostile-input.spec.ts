import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { testEnv } from '@mrt/platform/testing';
import { graphql, startTestSupergraph, type TestSupergraph } from './harness.js';
import { REPO_ROOT } from './processes.js';
import { seededRandom } from '@mrt/platform/testing';
import { RawNumber, bodyText, hostileValue, plausibleValue, selectionFor, targetsOf, withValueAt } from './fuzz/hostile-values.js';

/**
 * Hostile input through the gateway, as an outside probe sends it: first the cases it reported,
 * then generated values for every argument of every public operation, read from the committed
 * supergraph. Nothing may answer 5xx or INTERNAL_SERVER_ERROR; bad input is the client's error.
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
let supergraph: TestSupergraph;
let fanToken: string;

beforeAll(async () => {
  supergraph = await startTestSupergraph({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    // No demo data: nothing here needs it, and its sample shops would hold a fixed port.
    seed: false,
    env: { LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '2' },
  });
  const fan = await graphql<{ register: { accessToken: string } }>(supergraph.gatewayUrl, `mutation($i: RegisterInput!) { register(input: $i) { accessToken } }`, {
    i: { email: 'fuzz-fan@example.com', password: 'a long passphrase', displayName: 'Fuzz' },
  });
  fanToken = fan.data!.register.accessToken;
});
afterAll(async () => {
  await supergraph?.stop();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  errors: { message: string; extensions?: Record<string, unknown> }[];
}

async function send(body: unknown, token: string | null = fanToken): Promise<Answer> {
  const response = await fetch(supergraph.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: bodyText(body),
  });
  const text = await response.text();
  let errors: Answer['errors'] = [];
  try {
    errors = (JSON.parse(text) as { errors?: Answer['errors'] }).errors ?? [];
  } catch {
    errors = [{ message: `not JSON: ${text.slice(0, 200)}` }];
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), errors };
}

const RELEASES = 'query($f: ReleaseFilter) { releases(filter: $f) { edges { node { id } } } }';
const CONVERT = 'query($a: MoneyInput!) { convertMoney(amount: $a, to: "USD") { amount } }';
const badInput = (path: string) => ({ status: 400, code: 'BAD_USER_INPUT', path });

describe('the probe’s cases', () => {
  const cases: [string, unknown, { status: number; code: string; path?: string }][] = [
    ['priceMax "NaN"', { query: RELEASES, variables: { f: { priceMax: 'NaN' } } }, badInput('filter.priceMax')],
    ['priceMax with 40 digits', { query: RELEASES, variables: { f: { priceMax: '1'.padEnd(40, '0') } } }, badInput('filter.priceMax')],
    ['priceMax 1e400 written in the document', { query: '{ releases(filter: { priceMax: 1e400 }) { edges { node { id } } } }' }, badInput('filter.priceMax')],
    ['releasedFrom "2024-13-45"', { query: RELEASES, variables: { f: { releasedFrom: '2024-13-45' } } }, badInput('filter.releasedFrom')],
    ['upcomingReleases from year 0000', { query: '{ upcomingReleases(from: "0000-01-01") { edges { node { id } } } }' }, badInput('from')],
    ['NUL in a band search', { query: 'query($s: String) { bands(search: $s) { edges { node { id } } } }', variables: { s: 'a\u0000b' } }, badInput('search')],
    ['NUL in a band slug', { query: 'query($s: String) { band(slug: $s) { id } }', variables: { s: 'mgla\u0000' } }, badInput('slug')],
    ['NUL in a catalog search', { query: 'query($q: String!) { searchCatalog(query: $q) { __typename } }', variables: { q: '\u0000' } }, badInput('query')],
    ['NUL in displayName', { query: 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }', variables: { i: { displayName: 'a\u0000b' } } }, badInput('input.displayName')],
    ...['NaN', 'Infinity', '', '12,99', '1e999999', '9'.repeat(3000)].map(
      (amount): [string, unknown, ReturnType<typeof badInput>] => [`convertMoney amount ${JSON.stringify(amount.slice(0, 12))}`, { query: CONVERT, variables: { a: { amount, currency: 'EUR' } } }, badInput('amount.amount')],
    ),
    ['convertMoney amount 1e999 as a JSON number', { query: CONVERT, variables: { a: { amount: new RawNumber('1e999'), currency: 'EUR' } } }, badInput('amount.amount')],
    [
      'follow with maxPrice 1e99999',
      {
        query: 'mutation($i: FollowInput!) { follow(input: $i) { id } }',
        variables: { i: { targetType: 'BAND', targetId: '00000000-0000-0000-0000-000000000001', maxPrice: { amount: '1e99999', currency: 'EUR' } } },
      },
      badInput('input.maxPrice.amount'),
    ],
    ['two operations without operationName', { query: 'query A { me { id } } query B { me { id } }' }, { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' }],
    ['an unknown operationName', { query: 'query A { me { id } }', operationName: 'Z' }, { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' }],
    ['a subscription over HTTP POST', { query: 'subscription { releaseFeed { id } }' }, { status: 400, code: 'SUBSCRIPTION_OVER_HTTP' }],
    [
      'a persisted-query hash that is not the query’s',
      { query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
      { status: 400, code: 'PERSISTED_QUERY_HASH_MISMATCH' },
    ],
    [
      'an unsupported persisted-query version',
      { query: '{ me { id } }', extensions: { persistedQuery: { version: 2, sha256Hash: createHash('sha256').update('{ me { id } }').digest('hex') } } },
      { status: 400, code: 'BAD_REQUEST' },
    ],
  ];

  it.each(cases)('%s', async (_name, body, expected) => {
    const answer = await send(body);
    expect(answer.status).toBe(expected.status);
    expect(answer.errors[0]?.extensions?.code).toBe(expected.code);
    if (expected.path) expect(answer.errors[0]?.extensions?.fields).toEqual([{ path: expected.path, message: expect.any(String) }]);
  });

  it('answers a sign-in limit with HTTP 429 and Retry-After through the gateway, as the gateway’s own limit does', async () => {
    const login = { query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', variables: { i: { email: 'fuzz-fan@example.com', password: 'wrong password!' } } };
    for (let i = 0; i < 2; i++) expect((await send(login, null)).errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const limited = await send(login, null);
    expect(limited.status).toBe(429);
    expect(limited.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', serviceName: 'users' });
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
  });
});

/** Change to explore other values; a failure names the seed and the request. */
const SEED = 0x24c0ffee;
/** Requests per argument and per field inside its input objects (about 200 of them). */
const REQUESTS_PER_TARGET = 2;
/** Codes that mean something broke on our side, not in the request. */
const FAILURE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SUBGRAPH_UNAVAILABLE', 'DOWNSTREAM_SERVICE_ERROR']);

interface FuzzCase {
  label: string;
  body: { query: string; variables?: Record<string, unknown> };
}

/** A GraphQL literal for a generated value of `type`; a RawNumber keeps its token (1e999). */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const nullable = type ? getNullableType(type) : undefined;
  if (value instanceof RawNumber) return value.token;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, nullable && isListType(nullable) ? nullable.ofType : nullable)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : {};
    return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${literal(item, fields[key]?.type)}`).join(', ')} }`;
  }
  if (typeof value === 'string' && nullable && isEnumType(getNamedType(nullable)) && /^[_A-Za-z]\w*$/.test(value)) return value;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function fuzzCases(): FuzzCase[] {
  const schema = buildASTSchema(parse(readFileSync(path.join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8')), { assumeValidSDL: true });
  const random = seededRandom(SEED);
  const cases: FuzzCase[] = [];
  const roots: [string, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  for (const [kind, root] of roots) {
    for (const field of Object.values(root?.getFields() ?? {}) as GraphQLField<unknown, unknown>[]) {
      if (field.name.startsWith('_') || field.args.length === 0) continue;
      const targets = field.args.flatMap((arg) => targetsOf(arg.name, arg.type));
      for (const target of targets) {
        for (let round = 0; round < REQUESTS_PER_TARGET; round++) {
          const values = Object.fromEntries(
            field.args.map((arg) => [arg.name, arg.name === target.argument ? withValueAt(arg.type, target.path, hostileValue(target.type, random)) : plausibleValue(arg.type)]),
          );
          const inline = random() < 0.25;
          const label = `${kind} ${field.name}(${[target.argument, ...target.path].join('.')}) ${inline ? 'literal' : 'variable'} #${round}`;
          const selection = selectionFor(field.type);
          if (inline) {
            const args = field.args.map((arg) => `${arg.name}: ${literal(values[arg.name], arg.type)}`);
            cases.push({ label, body: { query: `${kind} { ${field.name}(${args.join(', ')})${selection} }` } });
          } else {
            const definitions = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
            const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
            cases.push({ label, body: { query: `${kind} Fuzz(${definitions}) { ${field.name}(${args})${selection} }`, variables: values } });
          }
        }
      }
    }
  }
  return cases;
}

describe('generated hostile values for every argument of every public operation', () => {
  it(`never answers 5xx or an internal error (seed ${SEED})`, async () => {
    const cases = fuzzCases();
    const failures: string[] = [];
    const codes = new Map<string, number>();
    let next = 0;
    // A few requests in flight at once: quick on two cores, and within the fan's rate budget.
    const worker = async () => {
      while (next < cases.length) {
        const fuzz = cases[next++]!;
        const answer = await send(fuzz.body);
        for (const error of answer.errors) {
          const code = String(error.extensions?.code ?? 'none');
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
        const broken = answer.errors.find((error) => error.extensions?.code === undefined || FAILURE_CODES.has(String(error.extensions.code)));
        if (answer.status >= 500 || broken) {
          failures.push(`${fuzz.label}: HTTP ${answer.status} ${broken?.message ?? ''} ${bodyText(fuzz.body).slice(0, 300)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    expect(failures, `seed ${SEED}`).toEqual([]);
    // The run really reached the input rules: hundreds of requests, many refused as bad input.
    expect(cases.length).toBeGreaterThan(300);
    expect(codes.get('BAD_USER_INPUT') ?? 0).toBeGreaterThan(cases.length / 4);
  });
});

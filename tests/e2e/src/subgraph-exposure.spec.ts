import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { SUBGRAPH_REGISTRY } from '@mrt/platform';
import { testEnv } from '@mrt/platform/testing';
import { LoginDocument, RegisterDocument } from '@mrt/operations';
import { graphql, startTestSupergraph, type GraphqlResponse, type TestSupergraph } from './harness.js';

/**
 * Every subgraph called directly, around the gateway: anonymous, fan and admin callers, for
 * every entity type each subgraph resolves, without and with the gateway's shared secret.
 * Without it nothing answers; with it (the gateway's own path) `_entities` applies the same
 * authorization as the entity's root fields.
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
const ADMIN = { email: 'exposure-admin@example.com', password: 'admin-password-123' };
type Caller = 'anonymous' | 'fan' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'fan', 'admin'];

let supergraph: TestSupergraph;
const tokens: Partial<Record<Caller, string>> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  supergraph = await startTestSupergraph({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SAMPLE_SHOPS_PORT: '0' },
  });
  const fan = await graphql(supergraph.gatewayUrl, RegisterDocument, { input: { email: 'exposure-fan@example.com', password: 'a long passphrase', displayName: 'fan' } });
  tokens.fan = fan.data!.register.accessToken;
  ids.fan = fan.data!.register.user.id;
  const admin = await graphql(supergraph.gatewayUrl, LoginDocument, { input: ADMIN });
  tokens.admin = admin.data!.login.accessToken;
  ids.admin = admin.data!.login.user.id;

  type Seeded = {
    bands: { edges: { node: { id: string } }[] };
    genres: { id: string }[];
    distributors: { edges: { node: { id: string } }[] };
    sources: { edges: { node: { id: string } }[] };
  };
  const seeded = await graphql<Seeded>(
    supergraph.gatewayUrl,
    `{ bands(first: 1) { edges { node { id } } } genres { id } distributors(first: 1) { edges { node { id } } }
       sources(first: 1) { edges { node { id } } } }`,
    {},
    { authorization: `Bearer ${tokens.admin}` },
  );
  expect(seeded.errors).toBeUndefined();
  const data = seeded.data!;
  Object.assign(ids, {
    Band: data.bands.edges[0]!.node.id,
    Genre: data.genres[0]!.id,
    Distributor: data.distributors.edges[0]!.node.id,
    Source: data.sources.edges[0]!.node.id,
  });
  const run = await graphql<{ runParser: { id: string } }>(supergraph.gatewayUrl, `mutation($id: ID!) { runParser(sourceId: $id) { id } }`, { id: ids.Source }, {
    authorization: `Bearer ${tokens.admin}`,
  });
  ids.ParserRun = run.data!.runParser.id;
  const db = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  try {
    const [row] = (
      await db.query(`INSERT INTO "${supergraph.dbSchema('notifications')}".notification (user_id, kind, title, message) VALUES ($1, 'PRICE_DROP', 'Cheaper', 'secret body') RETURNING id`, [ids.fan])
    ).rows as { id: string }[];
    ids.Notification = row!.id;
    // The demo data has no labels: one of our own.
    const [label] = (
      await db.query(`INSERT INTO "${supergraph.dbSchema('catalog')}".label (name, slug, name_folded) VALUES ('Northern Heritage', 'northern-heritage', 'northern heritage') RETURNING id`)
    ).rows as { id: string }[];
    ids.Label = label!.id;
    // Releases and offers come from the sample-shop pipeline, which this spec does not run.
    const [release] = (
      await db.query(
        `INSERT INTO "${supergraph.dbSchema('releases')}".release (band_id, band_ids, title, canonical_title) VALUES ($1, ARRAY[$1::uuid], 'Exposure', 'exposure') RETURNING id`,
        [ids.Band],
      )
    ).rows as { id: string }[];
    ids.Release = release!.id;
    const [offer] = (
      await db.query(
        `INSERT INTO "${supergraph.dbSchema('releases')}".offer (release_id, distributor_id, identity, source_id, external_id, url, format, stock, content_hash, first_seen_at, last_seen_at)
         VALUES ($1, $2, 'sku:exposure-1', $3, 'exposure-1', 'https://shop.example/exposure-1', 'CD', 'IN_STOCK', 'h', now(), now()) RETURNING id`,
        [ids.Release, ids.Distributor, ids.Source],
      )
    ).rows as { id: string }[];
    ids.Offer = offer!.id;
  } finally {
    await db.end();
  }
});

afterAll(async () => {
  await supergraph?.stop();
});

/** How each entity type answers `_entities` through a subgraph, per caller (with the secret). */
type Expected = 'data' | 'null' | 'UNAUTHENTICATED' | 'FORBIDDEN';
interface EntityCase {
  subgraph: string;
  type: string;
  /** A field that carries the entity's own data (not just its key). */
  selection: string;
  id: () => string;
  /** @requires fields the gateway would send along. */
  extra?: Record<string, unknown>;
  expected: Record<Caller, Expected>;
}
const PUBLIC: Record<Caller, Expected> = { anonymous: 'data', fan: 'data', admin: 'data' };
const ADMIN_ONLY: Record<Caller, Expected> = { anonymous: 'UNAUTHENTICATED', fan: 'FORBIDDEN', admin: 'data' };
const CASES: EntityCase[] = [
  // An account's roles: itself and admins only (`me` is the root field); its display name is public.
  { subgraph: 'users', type: 'User', selection: 'roles displayName', id: () => ids.fan!, expected: { anonymous: 'FORBIDDEN', fan: 'data', admin: 'data' } },
  { subgraph: 'users', type: 'User', selection: 'roles displayName', id: () => ids.admin!, expected: { anonymous: 'FORBIDDEN', fan: 'FORBIDDEN', admin: 'data' } },
  { subgraph: 'users', type: 'User', selection: 'displayName', id: () => ids.fan!, expected: PUBLIC },
  { subgraph: 'raw-data', type: 'Source', selection: 'name url options', id: () => ids.Source!, expected: ADMIN_ONLY },
  { subgraph: 'raw-data', type: 'ParserRun', selection: 'status sourceId', id: () => ids.ParserRun!, expected: ADMIN_ONLY },
  { subgraph: 'catalog', type: 'Band', selection: 'name', id: () => ids.Band!, expected: PUBLIC },
  { subgraph: 'catalog', type: 'Label', selection: 'name', id: () => ids.Label!, expected: PUBLIC },
  { subgraph: 'catalog', type: 'Genre', selection: 'name', id: () => ids.Genre!, expected: PUBLIC },
  { subgraph: 'catalog', type: 'Distributor', selection: 'name', id: () => ids.Distributor!, expected: PUBLIC },
  { subgraph: 'releases', type: 'Release', selection: 'title', id: () => ids.Release!, expected: PUBLIC },
  { subgraph: 'releases', type: 'Offer', selection: 'url', id: () => ids.Offer!, expected: PUBLIC },
  { subgraph: 'releases', type: 'Band', selection: 'releases(first: 1) { edges { node { id } } }', id: () => ids.Band!, expected: PUBLIC },
  // The owner only (the root field `notification(id)` answers null for anyone else's).
  { subgraph: 'notifications', type: 'Notification', selection: 'title message', id: () => ids.Notification!, expected: { anonymous: 'null', fan: 'data', admin: 'null' } },
];

function headers(caller: Caller, withSecret: boolean): Record<string, string> {
  return {
    ...(caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens[caller]}` }),
    ...(withSecret ? { 'x-gateway-secret': supergraph.gatewaySecret } : {}),
  };
}

function entities(entity: EntityCase, caller: Caller, withSecret: boolean): Promise<GraphqlResponse<{ _entities: (Record<string, unknown> | null)[] }>> {
  return graphql(
    `${supergraph.subgraphs[entity.subgraph]}/graphql`,
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${entity.type} { id ${entity.selection} } } }`,
    { representations: [{ __typename: entity.type, id: entity.id(), ...entity.extra }] },
    headers(caller, withSecret),
  );
}

const SUBGRAPH_NAMES = SUBGRAPH_REGISTRY.map((subgraph) => subgraph.name);

describe('subgraphs called around the gateway', () => {
  it.each(SUBGRAPH_NAMES)('%s answers nothing without the gateway secret, whoever calls', async (name) => {
    const url = `${supergraph.subgraphs[name]}/graphql`;
    for (const caller of CALLERS) {
      for (const query of ['{ _service { sdl } }', 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }']) {
        const result = await graphql(url, query, { r: [{ __typename: 'Band', id: randomUUID() }] }, headers(caller, false));
        expect(result.status, `${name} ${caller}`).toBe(403);
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(result.data).toBeUndefined();
      }
    }
    for (const entity of CASES.filter((candidate) => candidate.subgraph === name)) {
      for (const caller of CALLERS) expect((await entities(entity, caller, false)).status).toBe(403);
    }
    // The gateway's own path still works.
    const sdl = await graphql<{ _service: { sdl: string } }>(url, '{ _service { sdl } }', {}, headers('anonymous', true));
    expect(sdl.data?._service.sdl).toContain('@key');
  });

  it.each(CASES.map((entity, index) => [`#${index} ${entity.subgraph} ${entity.type} { ${entity.selection} }`, entity] as const))(
    '%s: _entities applies the root fields’ authorization',
    async (_label, entity) => {
      for (const caller of CALLERS) {
        const result = await entities(entity, caller, true);
        const expected = entity.expected[caller];
        const entry = result.data?._entities?.[0] ?? null;
        if (expected === 'data') {
          expect(result.errors, `${caller}`).toBeUndefined();
          expect(entry, caller).toMatchObject({ id: entity.id() });
          expect(Object.keys(entry!).length, caller).toBeGreaterThan(1);
        } else if (expected === 'null') {
          expect(result.errors, caller).toBeUndefined();
          expect(entry, caller).toBeNull();
        } else {
          expect(result.errors?.[0]?.extensions?.code, caller).toBe(expected);
          expect(entry, caller).toBeNull();
        }
      }
    },
  );

  it('applies the operation limits at the subgraph too: 300 aliases are refused, even with the secret', async () => {
    const aliases = Array.from({ length: 300 }, (_, index) => `a${index}: name`).join(' ');
    const query = `{ bands(first: 100) { edges { node { ${aliases} } } } }`;
    const result = await graphql(`${supergraph.subgraphs.catalog}/graphql`, query, {}, headers('anonymous', true));
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('MAX_ALIASES_EXCEEDED');
    expect(result.data).toBeUndefined();
  });
});

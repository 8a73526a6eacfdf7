import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, FAN, RawDataHarness } from '../../test-support/raw-data-harness.js';

const CREATE = `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id name kind url schedule options enabled } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateSourceInput!) { updateSource(id: $id, input: $input) { id name url schedule options } }`;
const SET_ENABLED = `mutation ($id: ID!, $enabled: Boolean!) { setSourceEnabled(id: $id, enabled: $enabled) { id enabled } }`;

type FieldErrors = { path: string; message: string }[];

function fieldsOf(errors: readonly { extensions?: Record<string, unknown> }[]): string[] {
  return ((errors[0]?.extensions?.fields ?? []) as FieldErrors).map((field) => field.path);
}

describe('sources admin API', () => {
  let harness: RawDataHarness;

  beforeAll(async () => {
    harness = await RawDataHarness.open();
  });
  afterAll(async () => {
    await harness.close();
  });

  const shop = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    kind: 'SHOPIFY',
    url: 'https://shop.example/',
    schedule: '0 */6 * * *',
    options: { currency: 'EUR' },
    ...extra,
  });

  it('creates a source and lists it', async () => {
    const { createSource } = await harness.ok<{ createSource: Record<string, unknown> }>(CREATE, { input: shop('Northern Shop') });
    expect(createSource).toMatchObject({ name: 'Northern Shop', kind: 'SHOPIFY', schedule: '0 */6 * * *', options: { currency: 'EUR' }, enabled: true });
    const { sources } = await harness.ok<{ sources: { edges: { node: { id: string } }[] } }>(`{ sources(first: 100) { edges { node { id } } } }`);
    expect(sources.edges.map((edge) => edge.node.id)).toContain(createSource.id);
  });

  it('pages the sources by name with cursors, without a gap or a repeat', async () => {
    for (const name of ['Paged A', 'Paged B', 'Paged C']) await harness.ok(CREATE, { input: shop(name) });
    type Page = { sources: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const PAGE = `query ($after: String) { sources(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { sources }: Page = await harness.ok<Page>(PAGE, { after });
      names.push(...sources.edges.map((edge) => edge.node.name));
      if (!sources.pageInfo.hasNextPage) break;
      after = sources.pageInfo.endCursor;
    }
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['Paged A', 'Paged B', 'Paged C']));
    const bad = await harness.errors(`{ sources(after: "nonsense") { edges { node { id } } } }`);
    expect(bad[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses bad input with every field problem at once', async () => {
    const errors = await harness.errors(CREATE, { input: shop('Broken Shop', { url: 'ftp://shop.example', schedule: 'every day', options: {} }) });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(errors)).toEqual(expect.arrayContaining(['url', 'schedule', 'options.currency']));
  });

  it('refuses a duplicate name on the name field', async () => {
    await harness.ok(CREATE, { input: shop('Twin Shop') });
    const errors = await harness.errors(CREATE, { input: shop('Twin Shop') });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(errors)).toEqual(['name']);
  });

  it('checks options against the kind: a feed needs none of a shop', async () => {
    const { createSource } = await harness.ok<{ createSource: { kind: string } }>(CREATE, {
      input: { name: 'Label Feed', kind: 'FEED', url: 'https://label.example/feed.xml' },
    });
    expect(createSource.kind).toBe('FEED');
  });

  it('updates a source, clears its schedule with "" and keeps what the update leaves out', async () => {
    const { createSource } = await harness.ok<{ createSource: { id: string } }>(CREATE, { input: shop('Moving Shop') });
    const { updateSource } = await harness.ok<{ updateSource: Record<string, unknown> }>(UPDATE, {
      id: createSource.id,
      input: { url: 'https://moved.example/', schedule: '' },
    });
    expect(updateSource).toMatchObject({ name: 'Moving Shop', url: 'https://moved.example/', schedule: null, options: { currency: 'EUR' } });
  });

  it('a rejected update changes nothing', async () => {
    const { createSource } = await harness.ok<{ createSource: { id: string } }>(CREATE, { input: shop('Steady Shop') });
    const errors = await harness.errors(UPDATE, { id: createSource.id, input: { schedule: '61 * * * *', options: { currency: 'euro' } } });
    expect(fieldsOf(errors)).toEqual(expect.arrayContaining(['schedule', 'options.currency']));
    const { source } = await harness.ok<{ source: Record<string, unknown> }>(`query ($id: ID!) { source(id: $id) { schedule options } }`, { id: createSource.id });
    expect(source).toEqual({ schedule: '0 */6 * * *', options: { currency: 'EUR' } });
  });

  it('disables and re-enables a source; an unknown id is NOT_FOUND', async () => {
    const { createSource } = await harness.ok<{ createSource: { id: string } }>(CREATE, { input: shop('Sleepy Shop') });
    expect((await harness.ok<{ setSourceEnabled: { enabled: boolean } }>(SET_ENABLED, { id: createSource.id, enabled: false })).setSourceEnabled.enabled).toBe(false);
    expect((await harness.ok<{ setSourceEnabled: { enabled: boolean } }>(SET_ENABLED, { id: createSource.id, enabled: true })).setSourceEnabled.enabled).toBe(true);
    const errors = await harness.errors(SET_ENABLED, { id: '00000000-0000-4000-8000-000000000000', enabled: false });
    expect(errors[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('is for admins only', async () => {
    const anonymous = await harness.errors(CREATE, { input: shop('Anonymous Shop') }, null);
    expect(anonymous[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const fan = await harness.errors(`{ sources { edges { node { id } } } }`, {}, FAN);
    expect(fan[0]?.extensions?.code).toBe('FORBIDDEN');
    const run = await harness.errors(`mutation { runParser(sourceId: "00000000-0000-4000-8000-000000000000") { id } }`, {}, FAN);
    expect(run[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(ADMIN.roles).toContain('ADMIN');
  });
});
